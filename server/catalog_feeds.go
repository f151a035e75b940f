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
	"ws.feeds.title":         {"My feeds", "我的订阅"},
	"ws.feeds.link":          {"Feeds of my queue", "我的队列订阅"},
	"ws.feeds.intro":         {"A feed key opens the Atom feed of your queue, as your role may see it, and nothing else. Its URL reads in the language of this page (lang=en or lang=zh in it). Revoking the key, or your API token, ends the feed.", "订阅密钥只能打开您的队列 Atom 订阅（按您的角色可见的内容），不能用于其他操作。订阅地址使用本页的语言（地址中的 lang=zh 或 lang=en）。吊销该密钥或您的 API 令牌即停止订阅。"},
	"ws.feeds.copy":          {"Copy this URL into your feed reader now; it is shown only once.", "请现在把此地址复制到您的订阅阅读器中；它只显示这一次。"},
	"ws.feeds.new":           {"New feed key", "新建订阅密钥"},
	"ws.feeds.label":         {"Label (optional)", "备注（可选）"},
	"ws.feeds.create":        {"Create", "创建"},
	"ws.feeds.revoke":        {"Revoke", "吊销"},
	"ws.feeds.revoked":       {"revoked", "已吊销"},
	"ws.feeds.active":        {"active", "有效"},
	"ws.feeds.none":          {"You have no feed keys yet.", "您还没有订阅密钥。"},
	"ws.done.revoked":        {"The feed key is revoked.", "订阅密钥已吊销。"},
}
