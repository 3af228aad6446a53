// Command report turns the raw results of scripts/bench.sh into the Markdown
// tables of BENCHMARKS.md, checking each against its target.
//
//	report go go-bench.txt           medians of `go test -bench -count N` output
//	report e2e e2e.json              medians and target ratios of the end-to-end plans (bench/interleave)
//	report output plan.json          the max_pods output of `terraform show -json`, canonical
//	report split split.tsv           each plan's CPU split into Terraform's and the providers', and the best
//	                                 ratio each target could reach if ekssize cost what the reference's provider costs
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: report go|e2e|output|split FILE")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "go":
		err = goBench(os.Args[2])
	case "e2e":
		err = e2e(os.Args[2])
	case "output":
		err = planOutput(os.Args[2])
	case "split":
		err = split(os.Args[2])
	default:
		err = fmt.Errorf("unknown report %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

// goTargets are the targets for the Go benchmarks, by benchmark name
// (without the -GOMAXPROCS suffix).
var goTargets = map[string]struct {
	maxNs     float64
	zeroAlloc bool
}{
	"ec2data.BenchmarkLookup":                                 {200, true},
	"ec2data.BenchmarkDecodeTable":                            {5e6, false},
	"sizing.BenchmarkMaxPods":                                 {1000, false},
	"sizing.BenchmarkSubnetCapacity/secondary_/16_1000_nodes": {100e3, false},
	"sizing.BenchmarkSubnetCapacity/prefix_/16_scattered":     {100e3, false},
	"sizing.BenchmarkSubnetCapacity/prefix_/16_packed":        {100e3, false},
}

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

func goBench(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	type metrics map[string][]float64
	results := map[string]metrics{}
	var order []string
	pkg := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = p[strings.LastIndex(p, "/")+1:]
			continue
		}
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		name := pkg + "." + m[1]
		if results[name] == nil {
			results[name] = metrics{}
			order = append(order, name)
		}
		fields := strings.Fields(m[2])
		for i := 0; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err == nil {
				results[name][fields[i+1]] = append(results[name][fields[i+1]], v)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	fmt.Println("| benchmark | runs | median time/op | median CPU/op | B/op | allocs/op | target | met |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---|---|")
	for _, name := range order {
		r := results[name]
		ns := median(r["ns/op"])
		cpu := "-"
		if v, ok := r["cpu-ns/op"]; ok {
			cpu = duration(median(v))
		}
		target, met := "", ""
		if t, ok := goTargets[name]; ok {
			target = "< " + duration(t.maxNs)
			ok := ns < t.maxNs
			if t.zeroAlloc {
				target += ", 0 allocs"
				ok = ok && median(r["allocs/op"]) == 0
			}
			met = map[bool]string{true: "yes", false: "**no**"}[ok]
		}
		fmt.Printf("| %s | %d | %s | %s | %.0f | %.0f | %s | %s |\n", name, len(r["ns/op"]), duration(ns), cpu,
			median(r["B/op"]), median(r["allocs/op"]), target, met)
	}
	return nil
}

// e2eResult is one variant's runs as bench/interleave writes them.
type e2eResult struct {
	Command    string    `json:"command"`
	Wall       []float64 `json:"wall"`
	CPU        []float64 `json:"cpu"`
	MedianWall float64   `json:"median_wall"`
	MedianCPU  float64   `json:"median_cpu"`
}

// e2eTargets are the end-to-end targets (issue 15), each a ratio of median CPU
// times within one interleaved run.
var e2eTargets = []struct {
	num, den, label string
	max             float64
}{
	{"d-200", "c-200", "200 `ekssize_max_pods` reads <= 1.35x the no-op served like the binary (d / c)", 1.35},
	{"g-200", "d-200", "200 subnet capacity reads <= 1.4x 200 max pods reads (g / d)", 1.40},
	{"f-200", "c-1", "one batched read (200 types) <= 1.35x one no-op read (f-200 / c-1)", 1.35},
	{"d-200", "l-200", "200 `ekssize_max_pods` reads no worse than 200 `local_file` reads (d / l)", 1},
	{"d-200", "i-200", "200 `ekssize_max_pods` reads no worse than 200 `cloudinit_config` reads (d / i)", 1},
	{"d-200", "d@base-200", "no slower than the baseline build: max pods reads (d / d@base)", 1},
	{"f-200", "f@base-200", "no slower than the baseline build: batched read (f / f@base)", 1},
	{"g-200", "g@base-200", "no slower than the baseline build: subnet capacity reads (g / g@base)", 1},
}

// e2eInfo are ratios worth seeing beside the targets.
var e2eInfo = []struct{ num, den, label string }{
	{"c@fw-200", "c-200", "the two floors: no-op served with the framework's defaults / served like the binary"},
	{"d-200", "c@fw-200", "200 max pods reads / the old floor (no-op with the framework's defaults)"},
	{"d-200", "w-200", "200 max pods reads / a no-op with the same schema (our Read's share)"},
	{"e-200", "c-200", "200 `max_pods` function calls / 200 no-op reads"},
	{"c-1", "a-1", "one no-op read / hard-coded locals (the price of any provider)"},
	{"c@fw-1", "c-1", "one read: old floor / fair floor"},
	{"l-200", "c-200", "200 `local_file` reads / 200 no-op reads"},
	{"i-200", "c-200", "200 `cloudinit_config` reads / 200 no-op reads"},
	{"d-200", "d@nocodec-200", "model codec: 200 max pods reads with / without it"},
	{"f-200", "f@nocodec-200", "model codec: one batched read with / without it"},
	{"g-200", "g@nocodec-200", "model codec: 200 subnet capacity reads with / without it"},
	{"d-200", "d@noserve-200", "internal/serve: 200 max pods reads with / without it"},
	{"d-200", "d@nolean-200", "lean contexts: 200 max pods reads with / without them (logs off in both)"},
}

// e2e prints each plan's median wall and CPU time (user+system of terraform
// and its providers) with its ratio to variant a at the same node-group
// count, then each target and a few other ratios of median CPU times, with the
// spread of the same ratio taken round by round.
func e2e(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc struct {
		Runs    int         `json:"runs"`
		Results []e2eResult `json:"results"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return err
	}
	byName := map[string]e2eResult{}
	for _, r := range doc.Results {
		byName[r.Command] = r
	}
	fmt.Println("| variant | node groups | runs | median wall (ms) | x (a) | median CPU user+sys (ms) | x (a) |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
	for _, r := range doc.Results {
		v, n, _ := strings.Cut(r.Command, "-")
		letter, build, _ := strings.Cut(v, "@")
		name := variantNames[letter]
		switch build {
		case "base":
			name += ", baseline build"
		case "fw":
			name += ", served with the framework's defaults"
		case "nocodec":
			name += ", built without the model codec"
		case "noserve":
			name += ", built serving with the framework's defaults (no internal/serve)"
		case "nolean":
			name += ", built with SDK logs off but no lean contexts"
		}
		wall, cpu := "", ""
		if a, ok := byName["a-"+n]; ok {
			wall = fmt.Sprintf("%.2f", r.MedianWall/a.MedianWall)
			cpu = fmt.Sprintf("%.2f", r.MedianCPU/a.MedianCPU)
		}
		fmt.Printf("| (%s) %s | %s | %d | %.0f | %s | %.0f | %s |\n", v, name, n, len(r.CPU),
			r.MedianWall*1000, wall, r.MedianCPU*1000, cpu)
	}
	ratio := func(num, den string) (med, lo, hi float64, ok bool) {
		n, ok1 := byName[num]
		d, ok2 := byName[den]
		if !ok1 || !ok2 || len(n.CPU) != len(d.CPU) || len(n.CPU) == 0 {
			return 0, 0, 0, false
		}
		per := make([]float64, len(n.CPU))
		for i := range per {
			per[i] = n.CPU[i] / d.CPU[i]
		}
		sort.Float64s(per)
		return n.MedianCPU / d.MedianCPU, per[0], per[len(per)-1], true
	}
	fmt.Println()
	fmt.Println("Targets, as ratios of median CPU times (the range is the same ratio taken within each round):")
	fmt.Println()
	fmt.Println("| target | CPU ratio | range over rounds | met |")
	fmt.Println("|---|---:|---:|---|")
	for _, t := range e2eTargets {
		med, lo, hi, ok := ratio(t.num, t.den)
		if !ok {
			fmt.Printf("| %s | not measured | | |\n", t.label)
			continue
		}
		met := map[bool]string{true: "yes", false: "**no**"}[med <= t.max]
		fmt.Printf("| %s | %.2f | %.2f-%.2f | %s |\n", t.label, med, lo, hi, met)
	}
	fmt.Println()
	fmt.Println("| other ratios of median CPU times | ratio | range over rounds |")
	fmt.Println("|---|---:|---:|")
	for _, t := range e2eInfo {
		if med, lo, hi, ok := ratio(t.num, t.den); ok {
			fmt.Printf("| %s | %.2f | %.2f-%.2f |\n", t.label, med, lo, hi)
		}
	}
	return nil
}

var variantNames = map[string]string{
	"a": "hard-coded locals",
	"b": "pure HCL file() + regexall",
	"c": "no-op provider, N reads",
	"w": "no-op with the ekssize_max_pods schema, N reads",
	"d": "ekssize_max_pods, N reads",
	"e": "provider::ekssize::max_pods, N calls",
	"f": "ekssize_max_pods batch, 1 read",
	"g": "ekssize_subnet_capacity, N reads",
	"l": "hashicorp/local local_file, N reads",
	"i": "hashicorp/cloudinit cloudinit_config, N reads",
}

// planOutput prints the max_pods output of a `terraform show -json` plan as
// canonical JSON (sorted keys), so variants can be compared byte for byte.
func planOutput(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var plan struct {
		PlannedValues struct {
			Outputs map[string]struct {
				Value any `json:"value"`
			} `json:"outputs"`
		} `json:"planned_values"`
	}
	if err := json.Unmarshal(raw, &plan); err != nil {
		return err
	}
	out, ok := plan.PlannedValues.Outputs["max_pods"]
	if !ok {
		return fmt.Errorf("%s: no max_pods output", path)
	}
	b, err := json.Marshal(out.Value)
	if err != nil {
		return err
	}
	fmt.Println(string(b))
	return nil
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func duration(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.0f ns", ns)
	}
}
