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

func TestSplitFloors(t *testing.T) {
	// Two rounds. c-200: 0.40 s, of which the no-op 0.10; d-200: 0.80 s, of
	// which ekssize 0.30, so Terraform 0.50 and T1's floor (0.50 + 0.10) / 0.40
	// = 1.50: out of reach whatever the provider does.
	tsv := "d-200\t1\t0.80\t0.30\n" +
		"c-200\t1\t0.40\t0.10\n" +
		"c-200\t2\t0.40\t0.10\n" +
		"d-200\t2\t0.80\t0.30\n" +
		"g-200\t1\t1.00\t0.40\n" +
		"g-200\t2\t1.00\t0.40\n"
	path := filepath.Join(t.TempDir(), "split.tsv")
	if err := os.WriteFile(path, []byte(tsv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := capture(t, func() error { return split(path) })
	for _, want := range []string{
		"| c-200 | 2 | 400 | 100 | 300 | 75 % |\n| d-200 | 2 | 800 | 300 | 500 | 62 % |\n| g-200 |",
		"| T1 (d / c): 200 max pods reads against 200 no-op reads <= 1.35 | 2.00 | 1.50 | 1.50-1.50 | **no** | |",
		// Both at the floor: g's Terraform 0.60 + the no-op's provider 0.10 = 0.70
		// over d's Terraform 0.50 + 0.10 = 0.60.
		"| T2 (g / d): 200 subnet capacity reads against 200 max pods reads <= 1.40 | 1.25 | 1.17 | 1.17-1.17 | yes | |",
		"| T3 (f-200 / c-1): one batched read of 200 types against one no-op read <= 1.35 | not measured | | | | |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if err := os.WriteFile(path, []byte("c-200\t1\t0.1\t0.2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := split(path); err == nil || !strings.Contains(err.Error(), "bad CPU times") {
		t.Errorf("provider above total: got %v, want a bad CPU times error", err)
	}
}
