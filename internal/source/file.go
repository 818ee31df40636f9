package source

import (
	"fmt"
	"io/fs"
	"os"
)

// ReadFile reads the regular file at path, at most maxSize bytes: the one
// bounded reader for every file imrlint reads (letters, configuration,
// baselines). A directory, a named pipe, a socket or a device is refused
// without being opened (a FIFO would block the run, /dev/zero would be read
// until memory ran out), and a file larger than maxSize is refused by its
// size, or, if it grows while read, once maxSize+1 bytes have come.
func ReadFile(path string, maxSize int64) ([]byte, error) { return readFile(path, maxSize, "") }

// readFile is ReadFile; hint follows the limit in the message of a file
// too large (", see --max-file-size").
func readFile(path string, maxSize int64, hint string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &Error{path, describe(err)}
	}
	if why := notRegular(fi.Mode()); why != "" {
		return nil, &Error{path, why}
	}
	if fi.Size() > maxSize {
		return nil, &Error{path, fmt.Sprintf("file is too large (%s; the limit is %s%s)", human(fi.Size()), human(maxSize), hint)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{path, describe(err)}
	}
	defer f.Close()
	data, err := readSized(f, fi.Size(), maxSize)
	if err != nil {
		return nil, &Error{path, describe(err)}
	}
	if int64(len(data)) > maxSize {
		return nil, &Error{path, fmt.Sprintf("input is too large (over %s%s)", human(maxSize), hint)}
	}
	return data, nil
}

// notRegular says what a file that is not a regular file is, "" for a
// regular one.
func notRegular(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "is a directory"
	case m&fs.ModeNamedPipe != 0:
		return "is a named pipe (FIFO), not a file: not read (give - to read standard input)"
	case m&fs.ModeSocket != 0:
		return "is a socket, not a file: not read"
	case m&fs.ModeDevice != 0:
		return "is a device, not a file: not read"
	}
	return "is not a regular file: not read"
}

// TooLarge is the error for a text over the limit once extracted: a small
// DOCX or PDF can expand to far more text than its own size.
func TooLarge(path string, size, maxSize int64) error {
	return &Error{path, fmt.Sprintf("its extracted text is too large (%s; the limit is %s, see --max-file-size)", human(size), human(maxSize))}
}
