package server

import (
	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/extract"
)

// This build reads PDF and DOCX letters with internal/extract. Without this
// file the server answers them 415 and checks text only.
func init() { extractor = readDocument }

// readDocument extracts the text of an uploaded file; text passes through
// unchanged. extract's errors are one line that quotes nothing of the file.
func readDocument(name string, data []byte) ([]byte, check.Document, error) {
	doc, err := extract.Read(name, data, extract.DefaultLimits())
	if err != nil {
		return nil, check.Document{}, err
	}
	return doc.Text, check.Document{Kind: doc.Kind, Pages: doc.Pages, NoText: doc.NoText, TrackedChanges: doc.TrackedChanges, MergeFields: doc.MergeFields}, nil
}
