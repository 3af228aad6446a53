//go:build linux

package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReadCommands(t *testing.T) {
	path := filepath.Join(t.TempDir(), "commands.tsv")
	if err := os.WriteFile(path, []byte("d-200\tenv A=1 terraform  plan\n\nc-1\ttrue\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmds, err := readCommands(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) != 2 || cmds[0].name != "d-200" || len(cmds[0].argv) != 4 || cmds[0].argv[3] != "plan" || cmds[1].argv[0] != "true" {
		t.Errorf("readCommands = %+v", cmds)
	}
	if err := os.WriteFile(path, []byte("no tab here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readCommands(path); err == nil {
		t.Error("a line without a tab was accepted")
	}
}

// The CPU time of a descendant that keeps working after the command exited
// is counted: the runner reaps it before reading its children's usage.
func TestRunCountsOrphans(t *testing.T) {
	if err := becomeSubreaper(); err != nil {
		t.Skip(err)
	}
	busy := `i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done`
	_, alone, err := run(command{"busy", []string{"sh", "-c", busy}})
	if err != nil {
		t.Fatal(err)
	}
	wall, orphan, err := run(command{"orphan", []string{"sh", "-c", "sh -c '" + busy + "' & exit 0"}})
	if err != nil {
		t.Fatal(err)
	}
	if orphan < alone/2 {
		t.Errorf("orphaned work counted %.3fs of CPU, the same work alone %.3fs (wall %.3fs)", orphan, alone, wall)
	}
	if _, _, err := run(command{"fails", []string{"sh", "-c", "echo broken >&2; exit 3"}}); err == nil {
		t.Error("a failing command did not fail the run")
	}
}
