package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the test binary be imrlint for the shell (runAsImrlint),
// so that the completion test needs no go build.
func TestMain(m *testing.M) {
	if os.Getenv("IMRLINT_TEST_AS_MAIN") == "1" {
		os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// runAsImrlint puts an "imrlint" on a PATH of its own that runs this test
// binary as the command, and returns that PATH.
func runAsImrlint(t *testing.T) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	script := fmt.Sprintf("#!/bin/sh\nIMRLINT_TEST_AS_MAIN=1 exec %q \"$@\"\n", self)
	if err := os.WriteFile(filepath.Join(dir, "imrlint"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir + string(os.PathListSeparator) + os.Getenv("PATH")
}

// completeBash is the bash that completes: it sources the script of
// 'imrlint completion bash' and prints what __start_imrlint offers for
// each line given as arguments to comp. Where the bash-completion package
// is not installed, its _get_comp_words_by_ref is stood in for (the
// script calls it only to split the line into cur, prev, words, cword);
// compopt works only in a completion bash started itself, so it is a no-op.
const completeBash = `
if [ -r /usr/share/bash-completion/bash_completion ]; then . /usr/share/bash-completion/bash_completion; fi
if ! declare -F _get_comp_words_by_ref >/dev/null; then
_get_comp_words_by_ref() {
  while [[ $1 == -* ]]; do [[ $1 == -n ]] && shift; shift; done
  for v in "$@"; do case $v in
    cur) cur=${COMP_WORDS[COMP_CWORD]};;
    prev) prev=${COMP_WORDS[COMP_CWORD-1]};;
    words) words=("${COMP_WORDS[@]}");;
    cword) cword=$COMP_CWORD;;
  esac; done
}
fi
compopt() { :; }
source <(imrlint completion bash) || exit 3
comp() {
  COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]}-1))
  COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
  __start_imrlint
  local line="$*" IFS=$'\x1f'
  echo "$line=>${COMPREPLY[*]}"
}
`

// TestBashCompletion drives bash through the completion script: the
// commands, a check flag, the values of --format and the check names of
// explain complete.
func TestBashCompletion(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed: the completion script is not exercised")
	}
	cases := []struct {
		words []string
		want  []string // each must be offered
		not   []string // none of these may be
	}{
		{[]string{"imrlint", "ch"}, []string{"check", "checks"}, []string{"explain"}},
		{[]string{"imrlint", "check", "--for"}, []string{"--format"}, []string{"--fix"}},
		{[]string{"imrlint", "check", "letter.txt", "--fail"}, []string{"--fail-level"}, nil},
		{[]string{"imrlint", "check", "--format", "j"}, []string{"json", "jsonl", "junit"}, []string{"text"}},
		{[]string{"imrlint", "explain", "quantity-m"}, []string{"quantity-mismatch"}, nil},
		{[]string{"imrlint", "serve", "--d"}, nil, []string{"--diff"}},
	}
	script := completeBash
	for _, c := range cases {
		var q []string
		for _, w := range c.words {
			q = append(q, "'"+w+"'")
		}
		script += "comp " + strings.Join(q, " ") + "\n"
	}
	cmd := exec.Command(bash, "--norc", "--noprofile", "-c", script)
	cmd.Env = append(os.Environ(), "PATH="+runAsImrlint(t))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	got := map[string][]string{}
	for _, l := range strings.Split(string(out), "\n") {
		if line, offered, ok := strings.Cut(l, "=>"); ok {
			got[line] = []string{}
			// With descriptions, an offer is "check  (check letters...)".
			for _, o := range strings.Split(offered, "\x1f") {
				if f := strings.Fields(o); len(f) > 0 {
					got[line] = append(got[line], f[0])
				}
			}
		}
	}
	for _, c := range cases {
		line := strings.Join(c.words, " ")
		offered, ok := got[line]
		if !ok {
			t.Errorf("%s: bash printed no completion:\n%s", line, out)
			continue
		}
		has := map[string]bool{}
		for _, o := range offered {
			has[o] = true
		}
		for _, w := range c.want {
			if !has[w] {
				t.Errorf("completing %q offers %v, not %s", line, offered, w)
			}
		}
		for _, w := range c.not {
			if has[w] {
				t.Errorf("completing %q offers %s", line, w)
			}
		}
	}
}

// TestCompletionScripts: every shell gets its script on standard output.
func TestCompletionScripts(t *testing.T) {
	for shell, want := range map[string]string{
		"bash":       "__start_imrlint",
		"zsh":        "#compdef imrlint",
		"fish":       "complete -c imrlint",
		"powershell": "Register-ArgumentCompleter",
	} {
		out, errs, code := run(t, "", "completion", shell)
		if code != ExitOK || errs != "" || !strings.Contains(out, want) {
			t.Errorf("completion %s: exit %d, stderr %q, script lacks %q", shell, code, errs, want)
		}
	}
	if _, _, code := run(t, "", "completion", "tcsh"); code != ExitTrouble {
		t.Errorf("completion tcsh: exit %d, want 2", code)
	}
}
