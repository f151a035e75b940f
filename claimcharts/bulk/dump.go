package bulk

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"sepportal/claimcharts"
	"sepportal/claimcharts/dump"
	"sepportal/claimcharts/msg"
)

// A full dump (sepportal export --all) is JSON Lines, one record per line:
//
//	{"kind":"patent","key":"EP2777236","data":{...the record as stored...}}
//
// in claimcharts.Kinds order. The data are written byte for byte.

// DumpWriter writes a full dump.
type DumpWriter struct{ w *bufio.Writer }

// NewDumpWriter writes a dump to w; Flush it at the end.
func NewDumpWriter(w io.Writer) *DumpWriter { return &DumpWriter{w: bufio.NewWriterSize(w, 1<<16)} }

// Write writes one record.
func (d *DumpWriter) Write(rec dump.Record) error {
	kind, _ := json.Marshal(rec.Kind)
	key, _ := json.Marshal(rec.Key)
	d.w.WriteString(`{"kind":`)
	d.w.Write(kind)
	d.w.WriteString(`,"key":`)
	d.w.Write(key)
	d.w.WriteString(`,"data":`)
	d.w.Write(rec.Data)
	_, err := d.w.WriteString("}\n")
	return err
}

// Flush writes what is buffered.
func (d *DumpWriter) Flush() error { return d.w.Flush() }

// DumpReader reads a full dump, line by line, each at most max bytes.
func DumpReader(r io.Reader, max int) func() (dump.Record, error) {
	if max <= 0 {
		max = 1 << 30
	}
	br := bufio.NewReaderSize(r, 1<<16)
	return func() (dump.Record, error) {
		for {
			line, err := readDumpLine(br, max)
			if err != nil {
				return dump.Record{}, err
			}
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			var rec dump.Record
			if err := json.Unmarshal(line, &rec); err != nil {
				return rec, claimcharts.Says(claimcharts.EINVALID, msg.NotDumpRecord, jsonReason(err))
			}
			if rec.Kind == "" || rec.Key == "" || len(rec.Data) == 0 {
				return rec, claimcharts.Says(claimcharts.EINVALID, msg.DumpRecordFields)
			}
			return rec, nil
		}
	}
}

func readDumpLine(br *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > max {
			return nil, tooLarge(msg.ALineTooLong, max)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(line) > 0:
			return line, nil
		}
		return line, err
	}
}
