package provider

import (
	"context"
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// The example's variable validation passes with its defaults and stops the
// plan when one zone's subnet is too small.
func TestAccClusterIPPlanFunctionExample(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../examples/functions/cluster_ip_plan/function.tf")
	if err != nil {
		t.Fatal(err)
	}
	cfg := regexp.MustCompile(`(?ms)^terraform \{.*?^\}\n`).ReplaceAllString(string(b), "")
	subnet := func(name, az, cidr string) config.Variable {
		return config.ObjectVariable(map[string]config.Variable{"name": config.StringVariable(name),
			"availability_zone": config.StringVariable(az), "cidr_block": config.StringVariable(cidr)})
	}
	functionTest(t,
		resource.TestStep{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{expectOutput("headroom_per_zone", knownvalue.MapExact(map[string]knownvalue.Check{
				"eu-west-1a": knownvalue.Int64Exact(22), "eu-west-1b": knownvalue.Int64Exact(22), "eu-west-1c": knownvalue.Int64Exact(22),
			}))},
		},
		resource.TestStep{
			Config: cfg,
			ConfigVariables: config.Variables{"cluster": config.ObjectVariable(map[string]config.Variable{
				"subnets":      config.ListVariable(subnet("a", "eu-west-1a", "10.0.0.0/24"), subnet("b", "eu-west-1b", "10.0.1.0/25")),
				"web_max_size": config.IntegerVariable(6),
			})},
			ExpectError: regexp.MustCompile(`The subnets cannot hold web_max_size m5.large nodes`),
		},
	)
}

// The function returns what the data source reads for the same plan.
func TestAccClusterIPPlanFunctionAgreesWithDataSource(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
locals {
  subnets = [
    { name = "a", availability_zone = "eu-west-1a", cidr_block = "10.0.0.0/24", cluster_subnet = true, fargate_pods = 20 },
    { name = "b", availability_zone = "eu-west-1b", cidr_block = "10.0.1.0/26" },
    { name = "cni-a", availability_zone = "eu-west-1a", cidr_block = "100.64.0.0/22", role = "pod" },
  ]
}
data "ekssize_cluster_ip_plan" "x" {
  prefix_delegation = true
  dynamic "subnet" {
    for_each = local.subnets
    content {
      name              = subnet.value.name
      availability_zone = subnet.value.availability_zone
      cidr_block        = subnet.value.cidr_block
      cluster_subnet    = lookup(subnet.value, "cluster_subnet", null)
      fargate_pods      = lookup(subnet.value, "fargate_pods", null)
      role              = lookup(subnet.value, "role", null)
    }
  }
  node_group {
    name           = "web"
    instance_types = ["m5.large", "c5.xlarge"]
    max_size       = 7
    pods_per_node  = 40
  }
  node_pool {
    name           = "batch"
    instance_types = ["m5.2xlarge"]
    node_limit     = 4
    subnets        = ["a"]
  }
}
locals {
  plan = provider::ekssize::cluster_ip_plan({
    prefix_delegation = true
    subnet            = local.subnets
    node_group        = [{ name = "web", instance_types = ["m5.large", "c5.xlarge"], max_size = 7, pods_per_node = 40 }]
    node_pool         = [{ name = "batch", instance_types = ["m5.2xlarge"], node_limit = 4, subnets = ["a"] }]
  })
}
output "same_zones" { value = jsonencode(local.plan.availability_zones) == jsonencode(data.ekssize_cluster_ip_plan.x.availability_zones) }
output "same_subnets" { value = jsonencode(local.plan.subnet_results) == jsonencode(data.ekssize_cluster_ip_plan.x.subnet_results) }
output "same_groups" { value = jsonencode(local.plan.groups) == jsonencode(data.ekssize_cluster_ip_plan.x.groups) }
output "same_warnings" { value = jsonencode(local.plan.warnings) == jsonencode(data.ekssize_cluster_ip_plan.x.warnings) }
output "fits" { value = local.plan.fits }
output "shortfall" { value = local.plan.shortfall_ips }
`,
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("same_zones", knownvalue.Bool(true)),
			expectOutput("same_subnets", knownvalue.Bool(true)),
			expectOutput("same_groups", knownvalue.Bool(true)),
			expectOutput("same_warnings", knownvalue.Bool(true)),
			expectOutput("fits", knownvalue.Bool(false)),
			// Prefixes are the limit. m5.large at 40 pods: 4 prefixes on its primary ENI (c5.xlarge
			// ties; the first wins); m5.2xlarge at 108 pods: 7. Zone a's /24 (14 eligible blocks): web
			// (4 + 2 surge) x 4 + batch 4 x 7 = 52 blocks, while its 36 single IPs (10 ENI primaries, 20
			// Fargate pods, 6 EKS ENIs) spoil all 14 in the scattered layout: 52 x 16 = 832 short.
			// Zone b's /26 (2 eligible blocks): web (3 + 2) x 4 = 20 blocks, none left: 320 short. The
			// discovered pod subnet takes nothing: every prefix fits the primary ENI.
			expectOutput("shortfall", knownvalue.Int64Exact(832+320)),
		},
	})
}

func TestClusterIPPlanFunctionUnknownValues(t *testing.T) {
	ctx := context.Background()
	f := NewClusterIPPlanFunction()
	n := 0
	for _, key := range clusterIPPlanArgument.keys {
		for _, v := range unknownVariants(ctx, clusterIPPlanArgument.attrs[key].GetType()) {
			got, ferr := callFunction(t, f, []attr.Value{types.DynamicValue(obj(attrs{key: v}))})
			n++
			if ferr != nil || !got.IsUnknown() {
				t.Errorf("cluster_ip_plan({ %s = %s }): %v, %v; want unknown", key, hclValue(v, false, ""), got, ferr)
			}
		}
	}
	if n < 40 {
		t.Errorf("only %d unknown variants", n)
	}
}
