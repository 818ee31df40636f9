package source

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// MaxDataFileSize bounds each file of a --rules or --guidelines directory: the
// shipped data files are tens of kilobytes, so 16 MiB is far beyond any
// real one and still a bound.
const MaxDataFileSize = 16 << 20

// DirFS is os.DirFS(dir) with every file read through the bounded reader:
// a rule file that is a named pipe, a device or a link to one (a
// limits/x.toml pointing at /dev/zero) is refused by its kind, and one over
// maxSize by its size, as letters and configuration files are.
func DirFS(dir string, maxSize int64) fs.FS { return boundedDir{os.DirFS(dir), dir, maxSize} }

type boundedDir struct {
	fs.FS
	dir     string
	maxSize int64
}

// Open opens directories as os.DirFS does (for globbing and listing) and
// files only when they are regular and within the bound.
func (d boundedDir) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	full := filepath.Join(d.dir, filepath.FromSlash(name))
	fi, err := os.Stat(full)
	if err != nil {
		return nil, err // kept as it is: an overlay goes on to the next layer on fs.ErrNotExist
	}
	if !fi.IsDir() {
		if why := notRegular(fi.Mode()); why != "" {
			return nil, &Error{full, why}
		}
		if fi.Size() > d.maxSize {
			return nil, &Error{full, fmt.Sprintf("file is too large (%s; the limit is %s)", human(fi.Size()), human(d.maxSize))}
		}
	}
	f, err := d.FS.Open(name)
	if err != nil || fi.IsDir() {
		return f, err
	}
	return &boundedFile{File: f, path: full, left: d.maxSize}, nil
}

// boundedFile stops a file that grows while it is read at the bound.
type boundedFile struct {
	fs.File
	path string
	left int64
}

func (f *boundedFile) Read(p []byte) (int, error) {
	if f.left < 0 {
		return 0, &Error{f.path, "input is too large (it grew while read)"}
	}
	if int64(len(p)) > f.left+1 {
		p = p[:f.left+1]
	}
	n, err := f.File.Read(p)
	f.left -= int64(n)
	if f.left < 0 {
		return n, &Error{f.path, "input is too large (it grew while read)"}
	}
	return n, err
}

// ReadFile reads the file with the package's bounded ReadFile, so a file
// that grows while read is also cut at the bound.
func (d boundedDir) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return ReadFile(filepath.Join(d.dir, filepath.FromSlash(name)), d.maxSize)
}

// ReadDir lists a directory as os.DirFS does.
func (d boundedDir) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }
