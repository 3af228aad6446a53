package sizing

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// TestMaxPodsMatchesMaxPodsCalculatorRun compares MaxPods with the output of
// the EKS AMI's max-pods-calculator.sh (al2 branch) run over the embedded
// table, one row per type and setting (testdata/max-pods-calculator.tsv; see
// testdata/README.md for how it was produced). With mirror =
// "max_pods_calculator" every row matches; with the default "vpc_cni" every
// row matches but those where the script refuses prefix delegation to bare
// metal, where the VPC CNI's prefix value is never lower (and often equal
// once capped).
func TestMaxPodsMatchesMaxPodsCalculatorRun(t *testing.T) {
	f, err := os.Open("testdata/max-pods-calculator.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, differ := 0, 0
	s := bufio.NewScanner(f)
	var header []string
	for s.Scan() {
		line := s.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if header == nil {
			header = cols
			continue
		}
		row := map[string]string{}
		for i, h := range header {
			row[h] = cols[i]
		}
		inst, err := ec2data.Lookup(row["instance_type"])
		if err != nil {
			t.Fatal(err)
		}
		n := Networking{
			CNIVersion:       row["cni_version"],
			PrefixDelegation: row["cni_prefix_delegation_enabled"] == "true",
			CustomNetworking: row["cni_custom_networking_enabled"] == "true",
		}
		if v := row["cni_max_eni"]; v != "-" {
			k, _ := strconv.Atoi(v)
			n.MaxENI = &k
		}
		showMax := row["show_max_allowed"] == "true"
		want, _ := strconv.Atoi(row["max_pods"])
		for _, mirror := range []string{mirrorMaxPodsCalculator, mirrorVPCCNI} {
			n.Mirror = mirror
			res, _, err := MaxPods(inst, n)
			if err != nil {
				t.Fatalf("%v %+v: %v", row, n, err)
			}
			got := res.MaxPods
			if showMax {
				got = res.MaxPodsUncapped
			}
			scriptRefusesPD := n.PrefixDelegation && n.CNIVersion != "1.8.0" && inst.BareMetal && inst.Hypervisor != ec2data.HypervisorNitro
			switch {
			case mirror == mirrorMaxPodsCalculator && got != want:
				t.Errorf("%s %+v show-max-allowed=%v: mirror %s gives %d, the script %d", inst.Name, n, showMax, mirror, got, want)
			case mirror == mirrorVPCCNI && !scriptRefusesPD && got != want,
				mirror == mirrorVPCCNI && scriptRefusesPD && got < want:
				t.Errorf("%s %+v show-max-allowed=%v: mirror %s gives %d, the script %d", inst.Name, n, showMax, mirror, got, want)
			case mirror == mirrorVPCCNI && got != want:
				differ++
			}
		}
		rows++
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	if rows < 500 {
		t.Fatalf("only %d rows", rows)
	}
	t.Logf("%d script runs compared; the VPC CNI mirror differs on %d (prefix delegation on bare metal)", rows, differ)
}
