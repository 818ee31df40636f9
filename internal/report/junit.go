package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/imrlint/imrlint/internal/finding"
)

// JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure
// DevOps) but not SARIF. Each file is a test case; a file fails when it has
// a finding at or above the run's fail level (Options.FailLevel: errors
// unless --fail-level says otherwise), as the exit code does, and errs when
// it could not be read. The output has no timestamps or durations so that it is the same
// for the same input.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	ClassName string         `xml:"classname,attr"`
	Name      string         `xml:"name,attr"`
	Error     *junitProblem  `xml:"error,omitempty"`
	Failures  []junitProblem `xml:"failure"`
	SystemOut string         `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Type    string `xml:"type,attr,omitempty"`
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// jUnit prints a JUnit XML report with one test case per file. Every
// finding at or above the fail level is a <failure> of its file's test
// case, typed by check, and reads as the text format's first line does;
// the findings below it (by default warnings and infos) do not fail the
// file and are listed in its <system-out>, so a file with warnings only
// passes unless --fail-level warning. The failures and errors counts are
// of test cases, as the JUnit schema defines them, so tests less failures
// less errors is the number of files that passed.
type jUnit struct {
	w     io.Writer
	fail  finding.Severity
	suite junitSuite
}

func newJUnit(w io.Writer, o Options) Writer {
	return &jUnit{w: w, fail: o.failLevel(), suite: junitSuite{Name: "imrlint", Cases: []junitCase{}}}
}

func (j *jUnit) File(r File) error {
	tc := junitCase{ClassName: "imrlint", Name: r.Path}
	if r.Err != nil {
		tc.Error = &junitProblem{Type: "read-error", Message: r.errText(), Text: r.Err.Error()}
		j.suite.Errors++
		j.suite.Cases = append(j.suite.Cases, tc)
		return nil
	}
	fs, _ := resolve(r, false)
	var below []string
	for _, f := range fs {
		line := fmt.Sprintf("%s:%d:%d: %s[%s] %s", r.Path, f.At.Start.Line, f.At.Start.Column, f.Severity, f.Check, f.Message)
		if f.Severity < j.fail {
			below = append(below, line)
			continue
		}
		tc.Failures = append(tc.Failures, junitProblem{Type: f.Check, Message: f.Message, Text: line})
	}
	if len(below) > 0 {
		tc.SystemOut = strings.Join(below, "\n")
	}
	if len(tc.Failures) > 0 {
		j.suite.Failures++
	}
	j.suite.Cases = append(j.suite.Cases, tc)
	return nil
}

func (j *jUnit) End(Summary) error {
	w, suite := j.w, j.suite
	suite.Tests = len(suite.Cases)
	doc := junitSuites{Name: "imrlint", Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
