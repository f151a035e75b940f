package server

// listsText is the pages' fixed text about pool lists and what they cite.
var listsText = map[string][2]string{
	"standard.listed":    {"Patents that read on this section (cited by a pool list or charted)", "涉及本章节的专利（专利池清单列明或已有对照表）"},
	"standard.nolisted":  {"No published pool list cites this section, and no published chart maps to it.", "尚无已公布的专利池清单列明本章节，也没有已公布的对照表对应到本章节。"},
	"standard.listedall": {"See them all on the search page", "在检索页查看全部"},
}
