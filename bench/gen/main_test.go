package main

import (
	"strings"
	"testing"
)

func TestConfigEveryVariant(t *testing.T) {
	rows := []row{{"m5.large", 29}, {"t3a.medium", 17}}
	for v, want := range map[string]string{
		"a": `"ng-0002" = 17`,
		"b": `file("${path.module}/eni-max-pods.txt")`,
		"c": `data "noop_value" "ng"`,
		"w": `data "wide_max_pods" "ng"`,
		"d": `data "ekssize_max_pods" "ng"`,
		"e": `provider::ekssize::max_pods(t, { cap_policy = "none" })`,
		"f": `data "ekssize_max_pods" "all"`,
		"g": `data "ekssize_subnet_capacity" "ng"`,
		"l": `data "local_file" "ng"`,
		"i": `data "cloudinit_config" "ng"`,
	} {
		body, err := config(v, rows)
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		if !strings.Contains(body, want) || !strings.Contains(body, `output "max_pods"`) {
			t.Errorf("variant %s lacks %q or the max_pods output:\n%s", v, want, body)
		}
	}
	if _, err := config("z", rows); err == nil || !strings.Contains(err.Error(), `unknown variant "z"`) {
		t.Errorf("variant z: got %v", err)
	}
}

func TestPickSpreadsRows(t *testing.T) {
	rows := make([]row, 10)
	for i := range rows {
		rows[i] = row{name: string(rune('a' + i)), maxPods: i}
	}
	got := pick(rows, 3)
	if got[0].maxPods != 0 || got[1].maxPods != 3 || got[2].maxPods != 6 {
		t.Errorf("pick(10 rows, 3) = %v, want rows 0, 3 and 6", got)
	}
}
