package check

import (
	"github.com/imrlint/imrlint/internal/finding"
)

// The checks of this file are about the file the letter came in, not the
// letter: they read Options.Document, which the engine fills from text
// extraction (package extract), and report at the start of the file.

// NoText reports a PDF without a text layer.
var NoText = &Check{
	Name:     "no-text",
	Summary:  "the PDF has no text layer (a scan): nothing could be checked",
	Severity: finding.Error,
	Scope:    Both,
	Doc: `
A PDF made by scanning paper, or by "printing" a letter to an image, holds
pictures of the pages and no text: imrlint reads nothing in it, so none of
its checks can run, and a clean report would be wrong. This check reports
such a PDF, once, at the start of the file. Run OCR on it first (for
example "ocrmypdf letter.pdf letter-ocr.pdf", or the OCR of your scanner
software or Acrobat), or check the letter's Word or text original instead.

A PDF that has text on some pages only is read; this check reports a PDF
in which no page has any text.

Triggers: a letter scanned to PDF; a PDF of page images from a fax.
Does not trigger: a PDF exported from Word or LibreOffice; a scan that was
run through OCR (it has an invisible text layer); text and DOCX files.`,
	Run: func(p *Pass) {
		if p.Options != nil && p.Options.Document.NoText {
			p.Reportf(finding.Span{}, "this PDF has no text layer (a scan); imrlint needs text: run OCR first")
		}
	},
}

// TrackedChanges reports a DOCX that still holds tracked changes.
var TrackedChanges = &Check{
	Name:     "tracked-changes",
	Summary:  "the DOCX still holds tracked changes (insertions or deletions)",
	Severity: finding.Warning,
	Scope:    Both,
	Doc: `
A Word document edited with "Track Changes" on keeps both versions of every
edit until someone accepts or rejects it: what the reader sees depends on
how Word is set to show markup, and a deleted "18" may still print next to
the inserted "12". imrlint checks the letter as it would read with every
change accepted: deleted text is ignored and inserted text is checked. This
check reports, at the start of the file, that the document still holds
tracked insertions, deletions or moves. Accept or reject them (Review >
Accept All Changes, or reject those that are wrong) and save before the
letter is issued.

Triggers: a DOCX whose item header shows "18" struck through and "12"
inserted; a DOCX with a deleted paragraph still tracked.
Does not trigger: a DOCX whose changes were all accepted or rejected;
comments; formatting changes alone; PDF and text files.`,
	Run: func(p *Pass) {
		if p.Options != nil && p.Options.Document.TrackedChanges {
			p.Reportf(finding.Span{}, "this DOCX still holds tracked changes; accept or reject them before issuing the letter (deleted text was ignored, inserted text was checked)")
		}
	},
}

// FileLevel reports whether a check is about the input file rather than the
// letter in it (no-text, tracked-changes). Such checks must run whatever the
// letter's layout: a scan has no text, so its layout is always unknown.
func FileLevel(c *Check) bool {
	return c == NoText || c == TrackedChanges
}
