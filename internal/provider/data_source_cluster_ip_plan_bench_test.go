package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// BenchmarkReadClusterIPPlan is the speed case through the protocol:
// three zones, ten groups (seven managed node groups, three NodePools with
// several candidate types), prefix delegation; target well under 10 ms of
// provider CPU per validate + read.
func BenchmarkReadClusterIPPlan(b *testing.B) {
	_, schemas := benchServer(b)
	typ := schemas["ekssize_cluster_ip_plan"].ValueType().(tftypes.Object)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := func(n int) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	strs := func(ss ...string) tftypes.Value {
		vals := make([]tftypes.Value, len(ss))
		for i, s := range ss {
			vals[i] = str(s)
		}
		return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, vals)
	}
	var subnets, groups, pools []map[string]any
	for i, z := range []string{"a", "b", "c"} {
		subnets = append(subnets, map[string]any{
			"name": str("private-" + z), "availability_zone": str("eu-west-1" + z), "cidr_block": str([]string{"10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"}[i]),
			"cluster_subnet": tftypes.NewValue(tftypes.Bool, true), "application_load_balancers": num(2), "interface_endpoints": num(7), "fargate_pods": num(20),
		})
	}
	for i, types := range [][]string{{"m5.large"}, {"c6i.2xlarge"}, {"m6i.xlarge", "m5.xlarge"}, {"r6i.large"}, {"c5.4xlarge"},
		{"m5.2xlarge", "m6i.2xlarge"}, {"t3.large"}} {
		groups = append(groups, map[string]any{"name": str("group-" + string(rune('a'+i))), "instance_types": strs(types...), "max_size": num(6 + 3*i)})
	}
	for i, types := range [][]string{{"c6i.2xlarge", "m6i.2xlarge", "r6i.2xlarge"}, {"m5.large", "m5.xlarge", "m5.2xlarge", "m5.4xlarge"},
		{"c5.large", "c5.xlarge"}} {
		pools = append(pools, map[string]any{"name": str("pool-" + string(rune('a'+i))), "instance_types": strs(types...), "node_limit": num(30)})
	}
	cfg := objectOf(typ, map[string]any{
		"prefix_delegation": tftypes.NewValue(tftypes.Bool, true),
		"subnet":            subnets, "node_group": groups, "node_pool": pools,
	})
	set := map[string]tftypes.Value{}
	for k, v := range typ.AttributeTypes {
		_ = v
		var raw map[string]tftypes.Value
		if err := cfg.As(&raw); err != nil {
			b.Fatal(err)
		}
		if !raw[k].IsNull() {
			set[k] = raw[k]
		}
	}
	benchRead(b, "ekssize_cluster_ip_plan", set)
}
