package source

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadSized(t *testing.T) {
	data := strings.Repeat("Massage therapy: 12 sessions. ", 300)
	for _, tc := range []struct {
		name      string
		size, max int64
		want      string
	}{
		{"exact size", int64(len(data)), DefaultMaxSize, data},
		{"grew since stat", 100, DefaultMaxSize, data},
		{"shrank since stat", int64(len(data)) * 2, DefaultMaxSize, data},
		{"unknown size (pipe)", 0, DefaultMaxSize, data},
		{"over the limit", int64(len(data)), 1000, data[:1001]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// OneByteReader makes every read short, as pipes and some
			// file systems do.
			got, err := readSized(iotest.OneByteReader(strings.NewReader(data)), tc.size, tc.max)
			if err != nil || string(got) != tc.want {
				t.Errorf("short reads: got %d bytes, err %v; want %d bytes", len(got), err, len(tc.want))
			}
			got, err = readSized(strings.NewReader(data), tc.size, tc.max)
			if err != nil || string(got) != tc.want {
				t.Errorf("got %d bytes, err %v; want %d bytes", len(got), err, len(tc.want))
			}
		})
	}
	if _, err := readSized(iotest.ErrReader(os.ErrPermission), 10, DefaultMaxSize); err == nil {
		t.Error("a failing read gave no error")
	}
}

func TestReadRefusals(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, bytes.Repeat([]byte("a"), 2000), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		max  int64
		want string
	}{
		{filepath.Join(dir, "missing.txt"), DefaultMaxSize, "missing.txt"},
		{dir, DefaultMaxSize, "no letters found under it"},
		{big, 1000, "too large"},
	} {
		_, err := ReadRaw(tc.path, nil, tc.max)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("ReadRaw(%s): err %v, want one line containing %q", filepath.Base(tc.path), err, tc.want)
		}
	}
	got, err := ReadRaw(big, nil, DefaultMaxSize)
	if err != nil || len(got) != 2000 {
		t.Errorf("ReadRaw(big.txt): %d bytes, %v; want 2000 bytes", len(got), err)
	}
	doc, err := Decode("big.txt", got)
	if err != nil || doc.Kind != "text" || doc.Pages != 1 || len(doc.Text) != 2000 {
		t.Errorf("Decode(big.txt): %+v, %v", doc, err)
	}
	if _, err := Decode("x.txt", []byte("\xff\xfeh\x00i\x00")); err == nil || !strings.HasPrefix(err.Error(), "x.txt: ") {
		t.Errorf("Decode of UTF-16: %v", err)
	}
}
