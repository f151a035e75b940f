package msg

// Messages of challenges and of the workflow's transitions. The comment of
// each is its English text.
const (
	AllowedNext         Key = "allowed_next"          // ; allowed next: %s
	NoneLeft            Key = "none_left"             // none (the record is final)
	ChallengeDecided    Key = "challenge_decided"     // challenge %s is %s already and cannot become %s
	ChallengeNotListed  Key = "challenge_not_listed"  // patent %s is not on the public list of pool %s: only listed patents can be challenged
	ChallengeNoChart    Key = "challenge_no_chart"    // patent %s has no published chart %s
	ChallengeNoElement  Key = "challenge_no_element"  // the published revision of chart %s has no element %q
	DismissNeedsReasons Key = "dismiss_needs_reasons" // a dismissal gives its reasons
	ReviewReopened      Key = "review_reopened"       // the review of patent %s on pool %s was reopened by challenge %s
	NotReopenable       Key = "not_reopenable"        // an entry that is %s cannot be reopened
	TooManyFilings      Key = "too_many_filings"      // too many challenges from this address; try again in %d minutes
)

// challenge holds the messages of challenges and transitions.
var challenge = map[Key][2]string{
	AllowedNext:         {"; allowed next: %s", "；允许的下一步：%s"},
	NoneLeft:            {"none (the record is final)", "无（记录已是最终状态）"},
	ChallengeDecided:    {"challenge %s is %s already and cannot become %s", "异议 %[1]s 已是%[2]s状态，不能变为%[3]s"},
	ChallengeNotListed:  {"patent %s is not on the public list of pool %s: only listed patents can be challenged", "专利 %[1]s 不在专利池 %[2]s 的公开清单上：只能对已入池的专利提出异议"},
	ChallengeNoChart:    {"patent %s has no published chart %s", "专利 %[1]s 没有已公布的对照表 %[2]s"},
	ChallengeNoElement:  {"the published revision of chart %s has no element %q", "对照表 %[1]s 的公布版本没有技术特征 %[2]q"},
	DismissNeedsReasons: {"a dismissal gives its reasons", "驳回异议须说明理由"},
	ReviewReopened:      {"the review of patent %s on pool %s was reopened by challenge %s", "专利 %[1]s 在专利池 %[2]s 的审查已因异议 %[3]s 重新开启"},
	NotReopenable:       {"an entry that is %s cannot be reopened", "状态为 %s 的入池条目不能重新开启审查"},
	TooManyFilings:      {"too many challenges from this address; try again in %d minutes", "此地址提交的异议过多，请 %d 分钟后再试"},
}
