package msg

// Messages of requests as HTTP reads them: bodies, headers, query
// parameters, uploads, and the services a request needs. The comment of
// each is its English text.
const (
	SendJSON         Key = "send_json"          // send the body as application/json, not %q
	SendMultipart    Key = "send_multipart"     // send the file as multipart/form-data (a part named file), not %q
	SizeOver         Key = "size_over"          // the %s is %d bytes; the limit is %d
	SizeOverLimit    Key = "size_over_limit"    // the %s is larger than the limit of %d bytes
	BodyUnreadable   Key = "body_unreadable"    // the request body could not be read
	BodyEmpty        Key = "body_empty"         // the request body is empty; send a JSON object
	BodyTwoValues    Key = "body_two_values"    // the request body holds more than one JSON value
	BodyTrailing     Key = "body_trailing"      // the request body has data after the JSON value
	MalformedJSON    Key = "malformed_json"     // malformed JSON at line %d, column %d: %s
	WrongType        Key = "wrong_type"         // a field has the wrong type
	MustBeGot        Key = "must_be_got"        // must be %s, got %s
	JSONEndsEarly    Key = "json_ends_early"    // the JSON body ends too early
	FieldNotTaken    Key = "field_not_taken"    // the body has a field this operation does not take
	JSONUnreadable   Key = "json_unreadable"    // the JSON body cannot be read: %s
	IfMatchBad       Key = "if_match_bad"       // If-Match must be an ETag this API returned, such as "3"
	CannotRead       Key = "cannot_read"        // cannot read %q
	IfMatchNeeded    Key = "if_match_needed"    // send If-Match with the ETag of the revision you are replacing (GET it first)
	NotAParam        Key = "not_a_param"        // not a parameter here; use one of: %s
	BadParam         Key = "bad_param"          // bad %s
	TrueOrFalse      Key = "true_or_false"      // must be true or false
	WholeFromOneGot  Key = "whole_from_one_got" // must be a whole number from 1, got %q
	UseNextCursor    Key = "use_next_cursor"    // use the next value of the previous page
	NoSearch         Key = "no_search"          // search is not available on this server
	PDFIsPoolList    Key = "pdf_is_pool_list"   // a PDF holds the pool list
	UnknownFormat    Key = "unknown_format"     // unknown format
	UnknownListKind  Key = "unknown_list_kind"  // unknown kind of list
	UnknownFormField Key = "unknown_form_field" // unknown form field
	ImportsBusy      Key = "imports_busy"       // %d imports are running, the most this server runs at once: send the file again later
	VisibleASCII     Key = "visible_ascii"      // must be 1 to 255 visible ASCII characters
	UploadPending    Key = "upload_pending"     // an upload with this Idempotency-Key is still being received: wait for its answer
	MultipartBad     Key = "multipart_bad"      // the multipart body cannot be read: %s
	UploadUnreadable Key = "upload_unreadable"  // the upload cannot be read: %s
	SendOneFile      Key = "send_one_file"      // send one file
	NoFileSent       Key = "no_file_sent"       // no file was sent
	FileRequired     Key = "file_required"      // is required: a CSV, XLSX or JSON Lines list
	RowsRejected     Key = "rows_rejected"      // %d of %d rows were rejected and nothing was written
	StoreAway        Key = "store_away"         // the store is not reachable
	FeedUnreadable   Key = "feed_unreadable"    // the store's change feed cannot be read
	InternalError    Key = "internal_error"     // internal error
)

// requests holds the messages of requests.
var requests = map[Key][2]string{
	SendJSON:         {"send the body as application/json, not %q", "请求体须以 application/json 发送，而不是 %q"},
	SendMultipart:    {"send the file as multipart/form-data (a part named file), not %q", "文件须以 multipart/form-data 发送（放在名为 file 的部分中），而不是 %q"},
	SizeOver:         {"the %s is %d bytes; the limit is %d", "%s大小为 %d 字节，上限为 %d 字节"},
	SizeOverLimit:    {"the %s is larger than the limit of %d bytes", "%s超过了 %d 字节的上限"},
	BodyUnreadable:   {"the request body could not be read", "无法读取请求体"},
	BodyEmpty:        {"the request body is empty; send a JSON object", "请求体为空：请发送一个 JSON 对象"},
	BodyTwoValues:    {"the request body holds more than one JSON value", "请求体包含多个 JSON 值"},
	BodyTrailing:     {"the request body has data after the JSON value", "请求体在 JSON 值之后还有数据"},
	MalformedJSON:    {"malformed JSON at line %d, column %d: %s", "JSON 格式错误，位于第 %d 行第 %d 列：%s"},
	WrongType:        {"a field has the wrong type", "有字段的类型不对"},
	MustBeGot:        {"must be %s, got %s", "必须是%s，实际为 %s"},
	JSONEndsEarly:    {"the JSON body ends too early", "JSON 请求体提前结束"},
	FieldNotTaken:    {"the body has a field this operation does not take", "请求体中有此操作不接受的字段"},
	JSONUnreadable:   {"the JSON body cannot be read: %s", "无法读取 JSON 请求体：%s"},
	IfMatchBad:       {`If-Match must be an ETag this API returned, such as "3"`, `If-Match 必须是本 API 返回的 ETag，例如 "3"`},
	CannotRead:       {"cannot read %q", "无法识别 %q"},
	IfMatchNeeded:    {"send If-Match with the ETag of the revision you are replacing (GET it first)", "请在 If-Match 中给出要替换的版本的 ETag（先用 GET 读取）"},
	NotAParam:        {"not a parameter here; use one of: %s", "此处没有该参数，请使用以下之一：%s"},
	BadParam:         {"bad %s", "%s 无效"},
	TrueOrFalse:      {"must be true or false", "必须是 true 或 false"},
	WholeFromOneGot:  {"must be a whole number from 1, got %q", "必须是从 1 起的整数，实际为 %q"},
	UseNextCursor:    {"use the next value of the previous page", "请使用上一页返回的 next 值"},
	NoSearch:         {"search is not available on this server", "本服务器不提供搜索"},
	PDFIsPoolList:    {"a PDF holds the pool list", "PDF 导出的是入池专利清单"},
	UnknownFormat:    {"unknown format", "未知的格式"},
	UnknownListKind:  {"unknown kind of list", "未知的清单种类"},
	UnknownFormField: {"unknown form field", "未知的表单字段"},
	ImportsBusy:      {"%d imports are running, the most this server runs at once: send the file again later", "正在进行 %d 个导入，已达本服务器同时处理的上限：请稍后重新发送文件"},
	VisibleASCII:     {"must be 1 to 255 visible ASCII characters", "必须是 1 到 255 个可见 ASCII 字符"},
	UploadPending:    {"an upload with this Idempotency-Key is still being received: wait for its answer", "带有此 Idempotency-Key 的上传仍在接收中：请等待其结果"},
	MultipartBad:     {"the multipart body cannot be read: %s", "无法读取 multipart 请求体：%s"},
	UploadUnreadable: {"the upload cannot be read: %s", "无法读取上传的文件：%s"},
	SendOneFile:      {"send one file", "请只发送一个文件"},
	NoFileSent:       {"no file was sent", "没有发送文件"},
	FileRequired:     {"is required: a CSV, XLSX or JSON Lines list", "必填：CSV、XLSX 或 JSON Lines 格式的清单"},
	RowsRejected:     {"%d of %d rows were rejected and nothing was written", "%[2]d 行中有 %[1]d 行被拒绝，未写入任何内容"},
	StoreAway:        {"the store is not reachable", "无法连接数据存储"},
	FeedUnreadable:   {"the store's change feed cannot be read", "无法读取数据存储的变更记录"},
	InternalError:    {"internal error", "内部错误"},
}
