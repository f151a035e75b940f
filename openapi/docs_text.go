package openapi

// docsText holds the docs page's fixed strings in English and Chinese.
var docsText = map[string][2]string{
	"contents":       {"Contents", "目录"},
	"overview":       {"Overview", "概述"},
	"auth":           {"Authentication and roles", "身份验证与角色"},
	"schemas":        {"Schemas", "数据结构"},
	"parameters":     {"Parameters", "参数"},
	"body":           {"Request body", "请求体"},
	"responses":      {"Responses", "响应"},
	"example":        {"Example", "示例"},
	"name":           {"Name", "名称"},
	"in":             {"In", "位置"},
	"type":           {"Type", "类型"},
	"required":       {"Required", "必填"},
	"description":    {"Description", "说明"},
	"field":          {"Field", "字段"},
	"status":         {"Status", "状态码"},
	"headers":        {"Headers", "响应头"},
	"yes":            {"yes", "是"},
	"who":            {"Who may call", "调用者"},
	"summaryIn":      {"中文摘要", "English summary"},
	"descNote":       {"", "（说明为英文）"},
	"raw":            {"OpenAPI document (YAML)", "OpenAPI 文档（YAML）"},
	"other":          {"中文", "English"},
	"version":        {"Version", "版本"},
	"operations":     {"operations", "个接口"},
	"noAuth":         {"No authentication.", "无需身份验证。"},
	"optAuth":        {"Token optional: without one, only published records are visible.", "令牌可选：不带令牌时只能看到已公开的记录。"},
	"needAuth":       {"Bearer token required.", "需要 Bearer 令牌。"},
	"oneOf":          {"one of", "取值之一"},
	"length":         {"length", "长度"},
	"items":          {"items", "项数"},
	"pattern":        {"pattern", "格式"},
	"format":         {"format", "格式"},
	"default":        {"default", "默认"},
	"arrayOf":        {"array of", "数组："},
	"top":            {"Back to top", "返回顶部"},
	"noContent":      {"No body.", "无响应体。"},
	"in.path":        {"path", "路径"},
	"in.query":       {"query", "查询"},
	"in.header":      {"header", "请求头"},
	"role.anonymous": {"anyone, without a token", "任何人（无需令牌）"},
	"role.admin":     {"administrator", "管理员"},
	"role.licensor":  {"licensor (its own organization's records)", "专利权人（仅限本组织的记录）"},
	"role.reviewer":  {"reviewer (its own assigned reviews)", "审查专家（仅限分配给自己的审查）"},
}

// tr returns the fixed string key in lang.
func tr(lang, key string) string {
	t := docsText[key]
	if lang == "zh" {
		return t[1]
	}
	return t[0]
}
