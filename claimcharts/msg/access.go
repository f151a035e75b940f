package msg

// Messages of access: a caller without a token, or with a role that may
// not do what it asked, and the actions such a refusal names. An action
// is the argument of SignInTo and RoleMayNot (see claimcharts' forbidden);
// the comment of each is its English text.
const (
	SignInTo   Key = "sign_in_to"   // sign in with an API token to %s
	RoleMayNot Key = "role_may_not" // a %s token may not %s
	AuthHeader Key = "auth_header"  // the Authorization header must be "Bearer <token>"
	SignInAPI  Key = "sign_in_api"  // sign in with an API token (Authorization: Bearer ...) to change records

	// Actions.
	ActCreatePools       Key = "act_create_pools"       // create pools
	ActChangePools       Key = "act_change_pools"       // change pools
	ActCreateOrgs        Key = "act_create_orgs"        // create organizations
	ActChangeOrgs        Key = "act_change_orgs"        // change organizations
	ActCreateStandards   Key = "act_create_standards"   // create standards
	ActChangeStandards   Key = "act_change_standards"   // change standards
	ActDecide            Key = "act_decide"             // decide on essentiality
	ActChangeDecisions   Key = "act_change_decisions"   // change determinations
	ActPublishDecisions  Key = "act_publish_decisions"  // publish determinations
	ActAssignReviews     Key = "act_assign_reviews"     // assign reviews
	ActOthersReview      Key = "act_others_review"      // write a review assigned to another reviewer
	ActDecideChallenges  Key = "act_decide_challenges"  // decide challenges
	ActReopenReviews     Key = "act_reopen_reviews"     // reopen reviews
	ActListReviewers     Key = "act_list_reviewers"     // list reviewers
	ActReadQueues        Key = "act_read_queues"        // read the queues
	ActChangePoolList    Key = "act_change_pool_list"   // change the pool list
	ActRegisterWebhooks  Key = "act_register_webhooks"  // register webhooks
	ActListWebhooks      Key = "act_list_webhooks"      // list webhooks
	ActDisableWebhooks   Key = "act_disable_webhooks"   // disable webhooks
	ActReadDeliveries    Key = "act_read_deliveries"    // read delivery logs
	ActCreateTokens      Key = "act_create_tokens"      // create tokens
	ActListTokens        Key = "act_list_tokens"        // list tokens
	ActRevokeTokens      Key = "act_revoke_tokens"      // revoke tokens
	ActCreateFeedTokens  Key = "act_create_feed_tokens" // create feed tokens
	ActListFeedTokens    Key = "act_list_feed_tokens"   // list feed tokens
	ActRevokeFeedTokens  Key = "act_revoke_feed_tokens" // revoke feed tokens
	ActReadAudit         Key = "act_read_audit"         // read the audit trail
	ActChangeHeldBy      Key = "act_change_held_by"     // change records held by %s
	ActReviseChartsOf    Key = "act_revise_charts_of"   // revise charts of %s
	ActWriteChartsFor    Key = "act_write_charts_for"   // write charts for patents held by %s
	ActApplyWith         Key = "act_apply_with"         // apply with patents held by %s
	ActAddPatentsOf      Key = "act_add_patents_of"     // add patents held by %s
	ActGivePatentsTo     Key = "act_give_patents_to"    // give patents to %s
	ActCreateFamiliesFor Key = "act_families_for"       // create families for %s
	ActGiveFamiliesTo    Key = "act_give_families_to"   // give families to %s
	ActDump              Key = "act_dump"               // dump the registry
	ActRestore           Key = "act_restore"            // restore a dump
	ActImportPoolLists   Key = "act_import_pool_lists"  // import pool lists (their entries are admitted to the pool)
	ActImport            Key = "act_import"             // import %s
	ActImportLists       Key = "act_import_lists"       // import lists
	ActManageIndex       Key = "act_manage_index"       // manage the search index
)

// access holds the messages of access and the actions they name.
var access = map[Key][2]string{
	SignInTo:   {"sign in with an API token to %s", "请先用 API 令牌登录，才能%s"},
	RoleMayNot: {"a %s token may not %s", "%s令牌无权%s"},
	AuthHeader: {`the Authorization header must be "Bearer <token>"`, `Authorization 请求头必须写成 "Bearer <令牌>"`},
	SignInAPI:  {"sign in with an API token (Authorization: Bearer ...) to change records", "请先用 API 令牌登录（Authorization: Bearer ...），才能修改记录"},

	ActCreatePools:       {"create pools", "创建专利池"},
	ActChangePools:       {"change pools", "修改专利池"},
	ActCreateOrgs:        {"create organizations", "创建组织"},
	ActChangeOrgs:        {"change organizations", "修改组织"},
	ActCreateStandards:   {"create standards", "创建标准"},
	ActChangeStandards:   {"change standards", "修改标准"},
	ActDecide:            {"decide on essentiality", "作出必要性审查结论"},
	ActChangeDecisions:   {"change determinations", "修改审查结论"},
	ActPublishDecisions:  {"publish determinations", "公布审查结论"},
	ActAssignReviews:     {"assign reviews", "分配审查任务"},
	ActOthersReview:      {"write a review assigned to another reviewer", "填写分配给其他审查专家的审查意见"},
	ActDecideChallenges:  {"decide challenges", "处理异议"},
	ActReopenReviews:     {"reopen reviews", "重新开启审查"},
	ActListReviewers:     {"list reviewers", "查看审查专家名单"},
	ActReadQueues:        {"read the queues", "查看待办队列"},
	ActChangePoolList:    {"change the pool list", "修改入池专利清单"},
	ActRegisterWebhooks:  {"register webhooks", "注册 Webhook"},
	ActListWebhooks:      {"list webhooks", "查看 Webhook"},
	ActDisableWebhooks:   {"disable webhooks", "停用 Webhook"},
	ActReadDeliveries:    {"read delivery logs", "查看推送记录"},
	ActCreateTokens:      {"create tokens", "创建令牌"},
	ActListTokens:        {"list tokens", "查看令牌"},
	ActRevokeTokens:      {"revoke tokens", "吊销令牌"},
	ActCreateFeedTokens:  {"create feed tokens", "创建订阅令牌"},
	ActListFeedTokens:    {"list feed tokens", "查看订阅令牌"},
	ActRevokeFeedTokens:  {"revoke feed tokens", "吊销订阅令牌"},
	ActReadAudit:         {"read the audit trail", "查看审计记录"},
	ActChangeHeldBy:      {"change records held by %s", "修改 %s 持有的记录"},
	ActReviseChartsOf:    {"revise charts of %s", "修订 %s 的对照表"},
	ActWriteChartsFor:    {"write charts for patents held by %s", "为 %s 持有的专利编写对照表"},
	ActApplyWith:         {"apply with patents held by %s", "以 %s 持有的专利申请入池"},
	ActAddPatentsOf:      {"add patents held by %s", "添加 %s 持有的专利"},
	ActGivePatentsTo:     {"give patents to %s", "把专利转给 %s"},
	ActCreateFamiliesFor: {"create families for %s", "为 %s 创建专利族"},
	ActGiveFamiliesTo:    {"give families to %s", "把专利族转给 %s"},
	ActDump:              {"dump the registry", "导出整个登记库"},
	ActRestore:           {"restore a dump", "恢复导出的登记库"},
	ActImportPoolLists:   {"import pool lists (their entries are admitted to the pool)", "导入入池专利清单（其条目将直接入池）"},
	ActImport:            {"import %s", "导入%s"},
	ActImportLists:       {"import lists", "导入清单"},
	ActManageIndex:       {"manage the search index", "管理搜索索引"},
}
