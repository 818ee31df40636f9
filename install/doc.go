// Package install holds the tests that imrlint installs and runs the ways
// its README says: from a clone (go install ./cmd/imrlint), as a GitHub
// Action (action.yml: linted with actionlint, its run step run), as a
// pre-commit hook (.pre-commit-hooks.yaml: run by pre-commit on a fixture
// repository, and the repo: local recipe), and every command of the
// README's sh blocks that can run here. It has no code of its own.
package install
