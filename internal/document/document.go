// Package document holds what reading learned of the file a letter's text
// came from: one type that extraction fills and the checks read, so that
// nothing converts it field by field on the way.
package document

// Info is what extraction learned of an input file.
type Info struct {
	// Kind is "text", "pdf" or "docx".
	Kind string
	// Pages is the number of pages of a PDF (pages are separated by form
	// feeds in the extracted text); 1 for other kinds with text.
	Pages int
	// NoText: a PDF whose pages have no text layer (a scan): nothing could
	// be read.
	NoText bool
	// TrackedChanges: a DOCX that still holds tracked insertions or
	// deletions (w:ins, w:del); deleted text was dropped, inserted text
	// kept.
	TrackedChanges bool
	// MergeFields: a DOCX with Word merge fields (MERGEFIELD), shown as
	// «Name».
	MergeFields bool
}
