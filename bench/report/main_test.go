package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// capture runs f with stdout redirected and returns what it printed.
func capture(t *testing.T, f func() error) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = stdout }()
	if err := f(); err != nil {
		t.Fatal(err)
	}
	_ = w.Close()
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestE2ETargets(t *testing.T) {
	res := func(name string, cpu ...float64) e2eResult {
		return e2eResult{Command: name, Wall: cpu, CPU: cpu, MedianWall: median(cpu), MedianCPU: median(cpu)}
	}
	doc := map[string]any{"runs": 3, "results": []e2eResult{
		res("a-200", 0.1, 0.1, 0.1),
		res("c-200", 1.0, 1.0, 1.0),
		res("d-200", 1.2, 1.3, 1.4), // d / c = 1.3: met
		res("g-200", 2.0, 2.0, 2.0), // g / d = 1.54: missed
	}}
	raw, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "e2e.json")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	out := capture(t, func() error { return e2e(path) })
	for _, want := range []string{
		"| (d) ekssize_max_pods, N reads | 200 | 3 | 1300 | 13.00 | 1300 | 13.00 |",
		"(d / c) | 1.30 | 1.20-1.40 | yes |",
		"(g / d) | 1.54 | 1.43-1.67 | **no** |",
		"(d / l) | not measured | | |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
