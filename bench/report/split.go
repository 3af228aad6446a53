package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

// splitRound is one plan of the split phase of scripts/bench.sh: the CPU time
// (user+system, seconds) of the whole `terraform plan` and of the provider
// processes it started, each provider wrapped in GNU time.
type splitRound struct {
	total, provider float64
}

// terraform is the CPU Terraform itself spent: the plan's total less its
// providers'.
func (r splitRound) terraform() float64 { return r.total - r.provider }

// splitTargets are the end-to-end targets, with for each the plan whose
// provider CPU stands in for ekssize's in its floor: the no-op provider at the
// same number of reads (c-200; for the one batched read, c-1), the least a
// framework provider serving those reads costs. The floor is the ratio the
// target would have if ekssize's provider processes cost exactly that in the
// same round, Terraform's own work on ekssize's schema and results unchanged.
// A floor above the target's maximum means no work on the provider's side can
// meet it: only a smaller schema or smaller results could.
var splitTargets = []struct {
	num, den, floor, label string
	max                    float64
	// wide, for the ekssize_max_pods plans, is the no-op with exactly that
	// schema (w-200): the whole plan's ratio with it in place of ekssize is
	// the floor of any Read served by the framework with this schema.
	wide string
	// ours says the reference is an ekssize plan too (T2): its provider CPU
	// is replaced by the no-op's as well, so both sides are at their floor.
	ours bool
}{
	{"d-200", "c-200", "c-200", "T1 (d / c): 200 max pods reads against 200 no-op reads", 1.35, "w-200", false},
	{"g-200", "d-200", "c-200", "T2 (g / d): 200 subnet capacity reads against 200 max pods reads", 1.40, "", true},
	{"f-200", "c-1", "c-1", "T3 (f-200 / c-1): one batched read of 200 types against one no-op read", 1.35, "", false},
	{"d-200", "l-200", "c-200", "T4 (d / l): 200 max pods reads against 200 `local_file` reads", 1, "w-200", false},
	{"d-200", "i-200", "c-200", "T4 (d / i): 200 max pods reads against 200 `cloudinit_config` reads", 1, "w-200", false},
}

// split reads lines "case<TAB>round<TAB>total<TAB>provider" and prints, per
// case, the median total, provider and Terraform CPU, then the floors of
// splitTargets with their range over rounds.
func split(path string) error {
	rounds, order, err := readSplit(path)
	if err != nil {
		return err
	}
	sort.SliceStable(order, func(i, j int) bool { return splitRank(order[i]) < splitRank(order[j]) })
	fmt.Println("| plan | rounds | median CPU (ms) | providers (ms) | Terraform (ms) | Terraform share |")
	fmt.Println("|---|---:|---:|---:|---:|---:|")
	for _, name := range order {
		rs := rounds[name]
		total, prov, tf := splitMedians(rs)
		fmt.Printf("| %s | %d | %.0f | %.0f | %.0f | %.0f %% |\n", name, len(rs), total*1000, prov*1000, tf*1000, 100*tf/total)
	}
	fmt.Println()
	fmt.Println("The best each target could reach (floor): Terraform's own CPU for ekssize's plan, plus the no-op provider's CPU at")
	fmt.Println("the same number of reads in place of ekssize's, over the reference; the range is the same floor taken round by round:")
	fmt.Println()
	fmt.Println("\"(w) in place of (d)\" is the ratio with the no-op that has exactly the `ekssize_max_pods` schema: what any `Read`")
	fmt.Println("served by the framework with this schema costs.")
	fmt.Println()
	fmt.Println("| target | measured | floor | range over rounds | reachable | (w) in place of (d) |")
	fmt.Println("|---|---:|---:|---:|---|---:|")
	for _, t := range splitTargets {
		num, den, floorProv := rounds[t.num], rounds[t.den], rounds[t.floor]
		if len(num) == 0 || len(den) == 0 || len(floorProv) == 0 {
			fmt.Printf("| %s <= %.2f | not measured | | | | |\n", t.label, t.max)
			continue
		}
		nTotal, _, nTF := splitMedians(num)
		dTotal, _, dTF := splitMedians(den)
		_, fProv, _ := splitMedians(floorProv)
		floorDen := dTotal
		if t.ours {
			floorDen = dTF + fProv
		}
		floor := (nTF + fProv) / floorDen
		per := make([]float64, 0, len(num))
		for i := range min(len(num), len(den), len(floorProv)) {
			d := den[i].total
			if t.ours {
				d = den[i].terraform() + floorProv[i].provider
			}
			per = append(per, (num[i].terraform()+floorProv[i].provider)/d)
		}
		sort.Float64s(per)
		reachable := map[bool]string{true: "yes", false: "**no**"}[floor <= t.max]
		wide := " "
		if w := rounds[t.wide]; len(w) > 0 {
			wTotal, _, _ := splitMedians(w)
			wide = fmt.Sprintf(" %.2f ", wTotal/dTotal)
		}
		fmt.Printf("| %s <= %.2f | %.2f | %.2f | %.2f-%.2f | %s |%s|\n", t.label, t.max, nTotal/dTotal, floor, per[0], per[len(per)-1], reachable, wide)
	}
	return nil
}

// splitRank orders the plans as BENCHMARKS.md lists them: the floors first.
func splitRank(name string) int {
	for i, n := range []string{"c-1", "c-200", "w-200", "d-200", "f-200", "g-200", "l-200", "i-200"} {
		if n == name {
			return i
		}
	}
	return 100
}

func splitMedians(rs []splitRound) (total, provider, terraform float64) {
	var t, p, tf []float64
	for _, r := range rs {
		t = append(t, r.total)
		p = append(p, r.provider)
		tf = append(tf, r.terraform())
	}
	return median(t), median(p), median(tf)
}

// readSplit returns the rounds of each case in file order, and the cases in
// the order they first appear.
func readSplit(path string) (map[string][]splitRound, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer func() { _ = f.Close() }()
	rounds := map[string][]splitRound{}
	var order []string
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 4 {
			return nil, nil, fmt.Errorf("%s:%d: want 4 tab-separated fields (case, round, total, provider), got %d", path, line, len(fields))
		}
		total, err1 := strconv.ParseFloat(fields[2], 64)
		prov, err2 := strconv.ParseFloat(fields[3], 64)
		if err1 != nil || err2 != nil || prov > total {
			return nil, nil, fmt.Errorf("%s:%d: bad CPU times %q and %q", path, line, fields[2], fields[3])
		}
		if _, seen := rounds[fields[0]]; !seen {
			order = append(order, fields[0])
		}
		rounds[fields[0]] = append(rounds[fields[0]], splitRound{total: total, provider: prov})
	}
	return rounds, order, sc.Err()
}
