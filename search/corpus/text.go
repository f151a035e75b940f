package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// term is a technical term in both languages.
type term struct{ en, zh string }

// Vocabulary of the two standards the corpus charts against.
var (
	videoTerms = []term{
		{"motion vector", "运动矢量"}, {"merge candidate", "合并候选"}, {"prediction unit", "预测单元"},
		{"coding unit", "编码单元"}, {"transform coefficient", "变换系数"}, {"reference picture", "参考图像"},
		{"inter prediction", "帧间预测"}, {"intra prediction", "帧内预测"}, {"scaling list", "缩放列表"},
		{"context model", "上下文模型"}, {"luma sample", "亮度样本"}, {"chroma sample", "色度样本"},
		{"interpolation filter", "插值滤波器"}, {"slice segment", "条带片段"}, {"quantization parameter", "量化参数"},
		{"temporal candidate", "时域候选"}, {"spatial neighbour", "空间相邻块"}, {"bitstream", "码流"},
		{"entropy decoder", "熵解码器"}, {"residual block", "残差块"}, {"deblocking filter", "去块滤波器"},
		{"picture order count", "图像顺序计数"}, {"coding tree block", "编码树块"}, {"motion compensation", "运动补偿"},
	}
	wifiTerms = []term{
		{"resource unit", "资源单元"}, {"access point", "接入点"}, {"trigger frame", "触发帧"},
		{"training field", "训练字段"}, {"guard interval", "保护间隔"}, {"spatial reuse", "空间复用"},
		{"signal field", "信号字段"}, {"subcarrier", "子载波"}, {"uplink transmission", "上行传输"},
		{"station", "站点"}, {"preamble", "前导码"}, {"backoff counter", "退避计数器"},
		{"BSS color", "BSS颜色"}, {"multi-user PPDU", "多用户PPDU"}, {"OFDMA", "正交频分多址"},
		{"channel bandwidth", "信道带宽"}, {"user field", "用户字段"}, {"packet extension", "包扩展"},
		{"received power", "接收功率"}, {"beamforming", "波束成形"}, {"association identifier", "关联标识符"},
	}
	verbs = []term{
		{"deriving", "推导"}, {"determining", "确定"}, {"selecting", "选择"}, {"decoding", "解码"},
		{"generating", "生成"}, {"signalling", "指示"}, {"scaling", "缩放"}, {"comparing", "比较"},
		{"transmitting", "发送"}, {"receiving", "接收"}, {"storing", "存储"}, {"computing", "计算"},
	}
	links = []term{
		{"based on", "基于"}, {"according to", "根据"}, {"using", "利用"}, {"from", "由"}, {"for", "针对"},
	}
)

// words draws the terms of one patent's topic.
func words(r *rand.Rand, wifi bool) []term {
	vocab := videoTerms
	if wifi {
		vocab = wifiTerms
	}
	out := make([]term, 6)
	for i := range out {
		out[i] = vocab[r.IntN(len(vocab))]
	}
	return out
}

func pick(r *rand.Rand, ts []term) term { return ts[r.IntN(len(ts))] }

// title is a patent title in both languages.
func title(r *rand.Rand, w []term, wifi bool) (zh, en string) {
	if wifi {
		return fmt.Sprintf("无线局域网中%s的%s方法及装置", w[0].zh, pick(r, verbs).zh),
			fmt.Sprintf("Method and apparatus for %s a %s in a wireless LAN", pick(r, verbs).en, w[0].en)
	}
	return fmt.Sprintf("基于%s的%s%s方法", w[1].zh, w[0].zh, pick(r, verbs).zh),
		fmt.Sprintf("%s %s using a %s", capitalize(pick(r, verbs).en), w[0].en, w[1].en)
}

// step is one claim step in both languages.
func step(r *rand.Rand, w []term) (zh, en string) {
	v, l := pick(r, verbs), pick(r, links)
	a, b := w[r.IntN(len(w))], w[r.IntN(len(w))]
	return fmt.Sprintf("%s%s%s的%s", l.zh, b.zh, v.zh, a.zh), fmt.Sprintf("%s a %s %s a %s", v.en, a.en, l.en, b.en)
}

// claimText is an independent claim of n steps.
func claimText(r *rand.Rand, w []term, wifi bool, n int) (zh, en string) {
	var zs, es []string
	for range n {
		z, e := step(r, w)
		zs, es = append(zs, z), append(es, e)
	}
	subject, subjectZh := "A method of decoding video", "一种视频解码方法"
	if wifi {
		subject, subjectZh = "A method performed by a station in a wireless local area network", "一种由无线局域网中的站点执行的方法"
	}
	return subjectZh + "，包括：" + strings.Join(zs, "；") + "。", subject + ", comprising: " + strings.Join(es, "; ") + "."
}

// abstract is a short summary in both languages.
func abstract(r *rand.Rand, w []term) (zh, en string) {
	z1, e1 := step(r, w)
	z2, e2 := step(r, w)
	return fmt.Sprintf("本发明涉及%s。%s，并%s，从而提高效率。", w[0].zh, z1, z2),
		fmt.Sprintf("The invention relates to %s. It comprises %s and %s, improving efficiency.", w[0].en, e1, e2)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
