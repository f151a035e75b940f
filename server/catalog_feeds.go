package server

// feedsText holds the strings of the queue feeds.
var feedsText = map[string][2]string{
	"feed.queue.title":       {"SEP Portal: %s", "SEP 门户：%s"},
	"feed.queue.reviewer":    {"my review queue", "我的审查队列"},
	"feed.queue.admin":       {"administrator's queues", "管理员队列"},
	"feed.queue.licensor":    {"my applications and charts", "我的申请与对照表"},
	"feed.queue.review":      {"Review of chart %s revision %d for pool %s", "对照表 %s 第 %d 版的审查（专利池 %s）"},
	"feed.queue.application": {"Application: patent %s to pool %s", "入池申请：专利 %s，专利池 %s"},
	"feed.queue.assign":      {"Chart %s revision %d awaits reviewers (pool %s)", "对照表 %s 第 %d 版待分配审查专家（专利池 %s）"},
	"feed.queue.decide":      {"Chart %s revision %d awaits a decision (pool %s)", "对照表 %s 第 %d 版待作出审查结论（专利池 %s）"},
	"feed.queue.challenge":   {"Challenge to patent %s in pool %s", "对专利 %s（专利池 %s）的异议"},
	"feed.queue.entry":       {"Patent %s in pool %s: %s", "专利 %s，专利池 %s：%s"},
	"feed.queue.chart":       {"Chart %s revision %d: %s", "对照表 %s 第 %d 版：%s"},
	"feed.queue.finding":     {"Finding published on chart %s revision %d (pool %s)", "对照表 %s 第 %d 版的审查结论已公布（专利池 %s）"},
	"feed.state.assigned":    {"assigned", "已分配"},
	"feed.state.draft":       {"draft", "草稿"},
	"feed.state.submitted":   {"submitted", "已提交"},
}
