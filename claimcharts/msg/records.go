package msg

// Messages of the records' rules: why a record or a change of state is
// refused. The comment of each is its English text.
const (
	NoClaim                Key = "no_claim"                 // patent %s has no claim %d
	RevisionsInOrder       Key = "revisions_in_order"       // revisions are numbered 1, 2, 3... in order
	DuplicateElement       Key = "duplicate_element"        // duplicate element label %q
	NumberShape            Key = "number_shape"             // must be a string such as "EP 2 777 236 B1" (or an object with "submitted")
	NumberUnreadable       Key = "number_unreadable"        // the patent number cannot be read
	ClaimTwice             Key = "claim_twice"              // claim %d appears twice
	DependsEarlier         Key = "depends_earlier"          // claim %d must depend on an earlier claim of this patent, not %d
	DateOrder              Key = "date_order"               // %s date %s is before %s date %s
	MissingStandard        Key = "missing_standard"         // the chart refers to a missing standard
	ChartMismatch          Key = "chart_mismatch"           // the chart does not match its patent or standard
	OtherRecord            Key = "other_record"             // the body names another record than the path
	KeyChanged             Key = "key_changed"              // is %q but the path names %q; keys cannot change
	MissingRecord          Key = "missing_record"           // the record refers to a missing %s
	InTime                 Key = "in_time"                  // status changes follow each other in time
	BeforePrevious         Key = "before_previous"          // is before the previous change (%s on %s)
	RemovalReason          Key = "removal_reason"           // a removal needs a reason
	OneOfList              Key = "one_of_list"              // one of %s
	RemovalBeforeAdmission Key = "removal_before_admission" // removal before admission
	BeforeAdmission        Key = "before_admission"         // is before the admission date %s
	MissingPatent          Key = "missing_patent"           // the request names a missing patent
	PatentFilter           Key = "patent_filter"            // the patent filter cannot be read
	ReferencesKept         Key = "references_kept"          // references of a standard can be added and corrected, not removed
	ReferenceMissing       Key = "reference_missing"        // reference %q is missing
	MissingChart           Key = "missing_chart"            // the assignment names a missing chart
	SubmittedOnly          Key = "submitted_only"           // only submitted chart revisions are reviewed
	NoSubmitted            Key = "no_submitted"             // chart %s has no submitted revision %d
	ReviewIncomplete       Key = "review_incomplete"        // the review is not complete
	WebhookRefused         Key = "webhook_refused"          // the webhook URL is not allowed
	DuplicateLabel         Key = "duplicate_label"          // duplicate label %q
	ParentLater            Key = "parent_later"             // parent %q is not an earlier reference of this standard
	WebhookURL             Key = "webhook_u_r_l"            // must be an absolute http(s) URL without credentials or fragment
	WebhookPrivate         Key = "webhook_private"          // must not point to a private, link-local or unspecified address
	WebhookHTTPS           Key = "webhook_h_t_t_p_s"        // must use https (http only to the loopback interface)
	StaleRevision          Key = "stale_revision"           // the record is at revision %d, not %d: read it again and reapply your change
	KeyShape               Key = "key_shape"                // a record key must be 1 to 512 bytes without NUL, got %q
	IndexShape             Key = "index_shape"              // index %q of %s %q holds a NUL byte or has no name
	IndexMongo             Key = "index_mongo"              // index %q of %s %q holds a dot or starts with $
	UnknownKind            Key = "unknown_kind"             // unknown record kind %q
	PoolListPool           Key = "pool_list_pool"           // a pool list needs the pool it belongs to
	ReviewsNeeded          Key = "reviews_needed"           // the pool's rule needs %d submitted reviews, this chart revision has %d
	DateUnreadable         Key = "date_unreadable"          // a date is written YYYY-MM-DD
	DateEmpty              Key = "date_empty"               // is empty: write a date as YYYY-MM-DD
)

// records holds the messages of the records' rules.
var records = map[Key][2]string{
	NoClaim:                {"patent %s has no claim %d", "专利 %s 没有权利要求 %d"},
	RevisionsInOrder:       {"revisions are numbered 1, 2, 3... in order", "版本须依次编号为 1、2、3……"},
	DuplicateElement:       {"duplicate element label %q", "技术特征编号 %q 重复"},
	NumberShape:            {"must be a string such as \"EP 2 777 236 B1\" (or an object with \"submitted\")", "必须是 \"EP 2 777 236 B1\" 这样的字符串（或带 \"submitted\" 的对象）"},
	NumberUnreadable:       {"the patent number cannot be read", "无法识别专利号"},
	ClaimTwice:             {"claim %d appears twice", "权利要求 %d 出现了两次"},
	DependsEarlier:         {"claim %d must depend on an earlier claim of this patent, not %d", "权利要求 %[1]d 必须引用本专利在前的权利要求，而不是 %[2]d"},
	DateOrder:              {"%s date %s is before %s date %s", "%[1]s日 %[2]s 早于%[3]s日 %[4]s"},
	MissingStandard:        {"the chart refers to a missing standard", "对照表引用的标准不存在"},
	ChartMismatch:          {"the chart does not match its patent or standard", "对照表与其专利或标准不符"},
	OtherRecord:            {"the body names another record than the path", "请求体所指的记录与路径不同"},
	KeyChanged:             {"is %q but the path names %q; keys cannot change", "为 %q，而路径为 %q；键不能更改"},
	MissingRecord:          {"the record refers to a missing %s", "记录引用的%s不存在"},
	InTime:                 {"status changes follow each other in time", "状态变更须按时间先后进行"},
	BeforePrevious:         {"is before the previous change (%s on %s)", "早于上一次变更（%[2]s %[1]s）"},
	RemovalReason:          {"a removal needs a reason", "移出需要理由"},
	OneOfList:              {"one of %s", "须为以下之一：%s"},
	RemovalBeforeAdmission: {"removal before admission", "移出日期早于入池日期"},
	BeforeAdmission:        {"is before the admission date %s", "早于入池日期 %s"},
	MissingPatent:          {"the request names a missing patent", "请求所指的专利不存在"},
	PatentFilter:           {"the patent filter cannot be read", "无法识别专利筛选条件"},
	ReferencesKept:         {"references of a standard can be added and corrected, not removed", "标准的章节可以增加和更正，但不能删除"},
	ReferenceMissing:       {"reference %q is missing", "缺少章节 %q"},
	MissingChart:           {"the assignment names a missing chart", "分配所指的对照表不存在"},
	SubmittedOnly:          {"only submitted chart revisions are reviewed", "只审查已提交的对照表版本"},
	NoSubmitted:            {"chart %s has no submitted revision %d", "对照表 %s 没有已提交的第 %d 版"},
	ReviewIncomplete:       {"the review is not complete", "审查意见不完整"},
	WebhookRefused:         {"the webhook URL is not allowed", "不允许使用该 Webhook URL"},
	DuplicateLabel:         {"duplicate label %q", "编号 %q 重复"},
	ParentLater:            {"parent %q is not an earlier reference of this standard", "上级 %q 不是本标准在前的章节"},
	WebhookURL:             {"must be an absolute http(s) URL without credentials or fragment", "必须是完整的 http(s) URL，不含凭据或片段"},
	WebhookPrivate:         {"must not point to a private, link-local or unspecified address", "不能指向私有、链路本地或未指定的地址"},
	WebhookHTTPS:           {"must use https (http only to the loopback interface)", "必须使用 https（仅回环接口可用 http）"},
	StaleRevision:          {"the record is at revision %d, not %d: read it again and reapply your change", "该记录当前为第 %d 版，而不是第 %d 版：请重新读取后再修改"},
	KeyShape:               {"a record key must be 1 to 512 bytes without NUL, got %q", "记录的键必须是 1 到 512 字节且不含 NUL，实际为 %q"},
	IndexShape:             {"index %q of %s %q holds a NUL byte or has no name", "%[2]s %[3]q 的索引 %[1]q 含有 NUL 字节或没有名称"},
	IndexMongo:             {"index %q of %s %q holds a dot or starts with $", "%[2]s %[3]q 的索引 %[1]q 含有“.”或以 $ 开头"},
	UnknownKind:            {"unknown record kind %q", "未知的记录种类 %q"},
	PoolListPool:           {"a pool list needs the pool it belongs to", "入池专利清单须指明所属的专利池"},
	ReviewsNeeded:          {"the pool's rule needs %d submitted reviews, this chart revision has %d", "专利池规则需要 %d 份已提交的审查意见，该版对照表只有 %d 份"},
	DateUnreadable:         {"a date is written YYYY-MM-DD", "日期须写作 YYYY-MM-DD"},
	DateEmpty:              {"is empty: write a date as YYYY-MM-DD", "为空：请按 YYYY-MM-DD 填写日期"},
}
