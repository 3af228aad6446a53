package main

import (
	"os"
	"strings"
	"testing"
)

const sample = `package vpc

var instanceNetworkingLimits = map[string]InstanceTypeLimits{
	"x1.big": {
		ENILimit:                2,
		IPv4Limit:               50,
		DefaultNetworkCardIndex: 0,
		NetworkCards: []NetworkCard{
			{
				MaximumNetworkInterfaces: 2,
				NetworkCardIndex:         0,
			},
			{
				MaximumNetworkInterfaces: 3,
				NetworkCardIndex:         1,
			},
		},
		HypervisorType: "",
		IsBareMetal:    true,
	},
}
`

func TestParseVPCTable(t *testing.T) {
	got, err := parseVPCTable([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	l := got["x1.big"]
	if len(got) != 1 || l.ENILimit != 2 || l.IPv4Limit != 50 || len(l.Cards) != 2 || l.Cards[1] != 3 || l.Hypervisor != "unknown" || !l.BareMetal {
		t.Errorf("parsed %+v", got)
	}
}

func TestMergeDetectsDisagreement(t *testing.T) {
	table, _ := parseVPCTable([]byte(sample))
	header := outColumns
	row := make([]string, len(outColumns))
	row[0] = "x1.big"
	vals := map[string]string{"default_card_enis": "2", "ipv4_per_eni": "49", "network_cards": "2", "total_enis": "5",
		"default_network_card_index": "0", "hypervisor": "unknown", "bare_metal": "true", "ebs_max_attachments": "27", "ebs_attachment_type": "shared"}
	for i, c := range outColumns {
		if v, ok := vals[c]; ok {
			row[i] = v
		}
	}
	_, err := merge(table, header, [][]string{row, append([]string{"zz.gone"}, row[1:]...)})
	if err == nil {
		t.Fatal("merge accepted disagreeing sources")
	}
	for _, want := range []string{`x1.big: ipv4_per_eni is "49" in the facts file but "50" in the VPC CNI table`, "zz.gone: in the facts file but not in the VPC CNI table"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	row[2] = "50"
	out, err := merge(table, header, [][]string{row})
	if err != nil || len(out) != 1 || out[0][4] != "5" {
		t.Errorf("merge = %v, %v", out, err)
	}
}

// The committed facts file is the snapshot factsVersion names; any other
// content is refused until the version is bumped.
func TestCheckFactsSnapshot(t *testing.T) {
	raw, err := os.ReadFile("../../data/instance-facts.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if err := checkFactsSnapshot("data/instance-facts.tsv", raw); err != nil {
		t.Fatal(err)
	}
	err = checkFactsSnapshot("data/instance-facts.tsv", append(raw, "zz.new\n"...))
	if err == nil || !strings.Contains(err.Error(), "a changed facts file is a new snapshot of the instance data; set factsVersion") {
		t.Fatalf("a changed facts file was accepted: %v", err)
	}
}
