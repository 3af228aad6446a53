package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

const planThreeAZs = `
  subnet {
    name              = "private-a"
    availability_zone = "eu-west-1a"
    cidr_block        = "10.0.0.0/24"
    cluster_subnet    = true
    application_load_balancers = 1
    fargate_pods      = 10
  }
  subnet {
    name              = "private-b"
    availability_zone = "eu-west-1b"
    cidr_block        = "10.0.1.0/24"
    application_load_balancers = 1
  }
  subnet {
    name              = "private-c"
    availability_zone = "eu-west-1c"
    cidr_block        = "10.0.2.0/26"
    application_load_balancers = 1
  }
`

func planSubnet(i int, attr string) tfjsonpath.Path {
	return tfjsonpath.New("subnet_results").AtSliceIndex(i).AtMapKey(attr)
}

func planZone(i int, attr string) tfjsonpath.Path {
	return tfjsonpath.New("availability_zones").AtSliceIndex(i).AtMapKey(attr)
}

// TestAccClusterIPPlan checks a three-zone plan with a node group, a pinned
// node group and a NodePool through the real Terraform CLI; zone c's /26 is
// short and the warning says which group takes what there.
func TestAccClusterIPPlan(t *testing.T) {
	t.Parallel()
	const addr = "data.ekssize_cluster_ip_plan.x"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_cluster_ip_plan" "x" {
` + planThreeAZs + `
  node_group {
    name           = "web"
    instance_types = ["m5.large"]
    max_size       = 3
  }
  node_group {
    name           = "db-a"
    instance_types = ["m5.large"]
    max_size       = 1
    subnets        = ["private-a"]
    surge_nodes_per_subnet = 0
  }
  node_pool {
    name           = "default"
    instance_types = ["m5.large", "c5.xlarge"]
    node_limit     = 3
  }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// Zone a: web (1 + 2) x 30, db-a 1 x 30, pool 1 x 60 c5.xlarge = 180; ALB 8 + 10 Fargate + 6 EKS ENIs.
				statecheck.ExpectKnownValue(addr, planSubnet(0, "node_ips"), knownvalue.Int64Exact(180)),
				statecheck.ExpectKnownValue(addr, planSubnet(0, "reserved_ips"), knownvalue.Int64Exact(24)),
				statecheck.ExpectKnownValue(addr, planSubnet(0, "required_ips"), knownvalue.Int64Exact(204)),
				statecheck.ExpectKnownValue(addr, planSubnet(0, "headroom_ips"), knownvalue.Int64Exact(251-204-5)),
				statecheck.ExpectKnownValue(addr, planSubnet(0, "nodes"), knownvalue.Int64Exact(5)),
				statecheck.ExpectKnownValue(addr, planSubnet(0, "ips_by_group"), knownvalue.MapExact(map[string]knownvalue.Check{
					"web": knownvalue.Int64Exact(90), "db-a": knownvalue.Int64Exact(30), "default": knownvalue.Int64Exact(60)})),
				// Zone c: web 3 x 30 + pool 60 + ALB 8 = 158 in a /26 with 59 free.
				statecheck.ExpectKnownValue(addr, planSubnet(2, "required_ips"), knownvalue.Int64Exact(158)),
				statecheck.ExpectKnownValue(addr, planSubnet(2, "shortfall_ips"), knownvalue.Int64Exact(99)),
				statecheck.ExpectKnownValue(addr, planZone(2, "fits"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(addr, planZone(2, "smallest_fitting_prefix_length"), knownvalue.Int64Exact(24)),
				statecheck.ExpectKnownValue(addr, planZone(0, "fits"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("fits"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("shortfall_ips"), knownvalue.Int64Exact(99)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("groups").AtSliceIndex(2).AtMapKey("instance_type"), knownvalue.StringExact("c5.xlarge")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("groups").AtSliceIndex(0).AtMapKey("nodes"), knownvalue.Int64Exact(9)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("warnings").AtSliceIndex(0), knownvalue.StringRegexp(regexp.MustCompile(
					`^Subnet too small for the cluster's IP plan: In eu-west-1c, node subnet "private-c" \(10\.0\.2\.0/26\) is 99 IPs short: it needs 158 IPs \(node_group "web" \(m5\.large\) 90 IPs for 3 nodes \(2 of them surge\); node_pool "default" \(c5\.xlarge\) 60 IPs for 1 node; 8 IPs for 1 ALB\)`))),
			},
		}},
	})
}

// Misspelt or unknown arguments, bad references and bad values fail at
// terraform validate (plan-only steps here), on the right attribute.
func TestAccClusterIPPlanValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, body, want string }{
		{"misspelt block argument", `
  subnet {
    name = "a"
    availability_zone = "eu-west-1a"
    cidr_block = "10.0.0.0/24"
    application_loadbalancers = 1
  }`, `An argument named "application_loadbalancers" is not expected here`},
		{"missing required", `
  subnet {
    name = "a"
    cidr_block = "10.0.0.0/24"
  }`, `The argument "availability_zone" is required`},
		{"unknown subnet reference", `
  subnet {
    name = "a"
    availability_zone = "eu-west-1a"
    cidr_block = "10.0.0.0/24"
  }
  node_group {
    name = "g"
    instance_types = ["m5.large"]
    max_size = 3
    subnets = ["b"]
  }`, `node_group\[0\]\.subnets names "b", but no subnet block has that name`},
		{"two regions", `
  subnet {
    name = "a"
    availability_zone = "eu-west-1a"
    cidr_block = "10.0.0.0/24"
  }
  subnet {
    name = "b"
    availability_zone = "us-east-1b"
    cidr_block = "10.0.1.0/24"
  }`, `subnet\[1\]\.availability_zone "us-east-1b" is in us-east-1`},
		{"bad cidr", `
  subnet {
    name = "a"
    availability_zone = "eu-west-1a"
    cidr_block = "10.0.0.0/29"
  }`, `subnet\[0\]\.cidr_block "10\.0\.0\.0/29" is a /29`},
		{"bad instance type", `
  subnet {
    name = "a"
    availability_zone = "eu-west-1a"
    cidr_block = "10.0.0.0/24"
  }
  node_pool {
    name = "p"
    instance_types = ["m5.larg"]
    node_limit = 3
  }`, `did you mean\s+m5\.large\?`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories,
				Steps: []resource.TestStep{{
					Config:      "data \"ekssize_cluster_ip_plan\" \"x\" {" + tc.body + "\n}\n",
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

// Values known only after apply do not stop terraform validate from checking
// everything else (ValidateConfig runs on the known part).
func TestAccClusterIPPlanValidateWithUnknowns(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "cidr" { input = "10.0.1.0/24" }
data "ekssize_cluster_ip_plan" "x" {
  subnet {
    name = "a"
    availability_zone = "eu-west-1a"
    cidr_block = "10.0.0.0/24"
  }
  subnet {
    name = "b"
    availability_zone = "eu-west-1b"
    cidr_block = terraform_data.cidr.output
  }
  node_group {
    name = "g"
    instance_types = ["m5.large"]
    max_size = 3
    pods_per_node = 400
  }
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`node_group "g", instance type m5\.large: pods_per_node is 400`),
		}},
	})
}

// A block element that is wholly unknown (at terraform validate) marks its
// subnet or group unknown, so the checks that need it wait for the read.
func TestClusterIPPlanUnknownBlockElements(t *testing.T) {
	ctx := context.Background()
	var sr datasource.SchemaResponse
	NewClusterIPPlanDataSource().Schema(ctx, datasource.SchemaRequest{}, &sr)
	list := func(block string) types.List {
		lt := sr.Schema.Blocks[block].Type().(types.ListType)
		return types.ListValueMust(lt.ElemType, []attr.Value{types.ObjectUnknown(lt.ElemType.(types.ObjectType).AttrTypes)})
	}
	m := clusterIPPlanInputs{Subnet: list("subnet"), NodeGroup: list("node_group"), NodePool: list("node_pool")}
	var diags diag.Diagnostics
	in, ok := m.toCore(&diags)
	if !ok || len(in.Subnets) != 1 || !in.Subnets[0].Unknown || !in.NodeGroups[0].Unknown || !in.NodePools[0].Unknown {
		t.Fatalf("%v %+v %v", ok, in, diags)
	}
	if err := sizing.ValidatePlan(in); err != nil {
		t.Errorf("ValidatePlan: %v", err)
	}
}

// TestAccClusterIPPlanWindows: os = "windows" sizes every group with the VPC
// resource controller's pool. m5.xlarge (14 secondary IPs + the primary = 15)
// takes more than m5.large (10); 10 nodes + 2 surge x 15 = 180 of 251. With
// prefix delegation, 110 pods: 7 prefixes + the primary = 113 on either type.
func TestAccClusterIPPlanWindows(t *testing.T) {
	t.Parallel()
	const addr = "data.ekssize_cluster_ip_plan.x"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_cluster_ip_plan" "x" {
  os = "windows"
  subnet {
    name              = "a"
    availability_zone = "eu-west-1a"
    cidr_block        = "10.0.0.0/24"
  }
  node_group {
    name           = "win"
    instance_types = ["m5.large", "m5.xlarge"]
    max_size       = 10
  }
}
data "ekssize_cluster_ip_plan" "pd" {
  os                = "windows"
  prefix_delegation = true
  prefix_layout     = "packed"
  subnet {
    name              = "a"
    availability_zone = "eu-west-1a"
    cidr_block        = "10.0.0.0/22"
  }
  node_group {
    name           = "win"
    instance_types = ["m5.large"]
    max_size       = 3
  }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("groups").AtSliceIndex(0).AtMapKey("instance_type"), knownvalue.StringExact("m5.xlarge")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("groups").AtSliceIndex(0).AtMapKey("nodes"), knownvalue.Int64Exact(12)),
				statecheck.ExpectKnownValue(addr, planSubnet(0, "node_ips"), knownvalue.Int64Exact(180)),
				statecheck.ExpectKnownValue(addr, planSubnet(0, "headroom_ips"), knownvalue.Int64Exact(71)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("fits"), knownvalue.Bool(true)),
				// 5 nodes x 113 = 565, 35 of the /22's 62 blocks.
				statecheck.ExpectKnownValue("data.ekssize_cluster_ip_plan.pd", planSubnet(0, "node_ips"), knownvalue.Int64Exact(565)),
				statecheck.ExpectKnownValue("data.ekssize_cluster_ip_plan.pd", planSubnet(0, "prefix_blocks_needed"), knownvalue.Int64Exact(35)),
			},
		}},
	})
}

// TestAccClusterIPPlanMixedOS: a Linux and a Windows m5.large node group in
// one /24, each with prefix delegation from its own object (aws-node's
// ENABLE_PREFIX_DELEGATION at the plan level, the ConfigMap's
// enable-windows-prefix-delegation in windows_config_map). Each takes 7
// prefixes and 1 single IP (113 IPs): 14 of the /24's 14 eligible blocks,
// 226 of 251; in the packed layout the 2 single IPs sit in the edge blocks
// and the subnet fits with headroom 0. The groups' per-node figures are what
// ekssize_subnet_capacity and node_ips() give for the same type and OS, and
// the function returns what the data source reads.
func TestAccClusterIPPlanMixedOS(t *testing.T) {
	t.Parallel()
	const addr = "data.ekssize_cluster_ip_plan.mixed"
	group := func(i int, attr string) tfjsonpath.Path {
		return tfjsonpath.New("groups").AtSliceIndex(i).AtMapKey(attr)
	}
	functionTest(t, resource.TestStep{
		Config: `
data "ekssize_cluster_ip_plan" "mixed" {
  prefix_delegation = true
  prefix_layout     = "packed"
  windows_config_map {
    prefix_delegation = true
  }
  subnet {
    name              = "a"
    availability_zone = "eu-west-1a"
    cidr_block        = "10.0.0.0/24"
  }
  node_group {
    name                   = "linux"
    instance_types         = ["m5.large"]
    max_size               = 1
    surge_nodes_per_subnet = 0
  }
  node_group {
    name                   = "win"
    os                     = "windows"
    instance_types         = ["m5.large"]
    max_size               = 1
    surge_nodes_per_subnet = 0
  }
}
data "ekssize_subnet_capacity" "win" {
  instance_type     = "m5.large"
  os                = "windows"
  prefix_delegation = true
  node_count        = 1
  subnets           = [{ cidr_block = "10.0.0.0/24" }]
}
locals {
  plan = provider::ekssize::cluster_ip_plan({
    prefix_delegation  = true
    prefix_layout      = "packed"
    windows_config_map = { prefix_delegation = true }
    subnet             = [{ name = "a", availability_zone = "eu-west-1a", cidr_block = "10.0.0.0/24" }]
    node_group = [
      { name = "linux", instance_types = ["m5.large"], max_size = 1, surge_nodes_per_subnet = 0 },
      { name = "win", os = "windows", instance_types = ["m5.large"], max_size = 1, surge_nodes_per_subnet = 0 },
    ]
  })
  win     = data.ekssize_cluster_ip_plan.mixed.groups[1]
  win_ips = provider::ekssize::node_ips("m5.large", 110, { os = "windows", prefix_delegation = true })
}
output "same_groups" { value = jsonencode(local.plan.groups) == jsonencode(data.ekssize_cluster_ip_plan.mixed.groups) }
output "same_subnets" { value = jsonencode(local.plan.subnet_results) == jsonencode(data.ekssize_cluster_ip_plan.mixed.subnet_results) }
output "win_equals_subnet_capacity" {
  value = local.win.node_subnet_ips_per_node == data.ekssize_subnet_capacity.win.per_node.node_subnet_ips && local.win.prefixes_per_node == data.ekssize_subnet_capacity.win.per_node.prefixes && local.win.pods_per_node == data.ekssize_subnet_capacity.win.pods_per_node && local.win.max_pods == data.ekssize_subnet_capacity.win.max_pods
}
output "win_equals_node_ips" {
  value = local.win.node_subnet_ips_per_node == local.win_ips.node_subnet_ips && local.win.prefixes_per_node == local.win_ips.prefixes
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, group(0, "os"), knownvalue.StringExact("linux")),
			statecheck.ExpectKnownValue(addr, group(1, "os"), knownvalue.StringExact("windows")),
			statecheck.ExpectKnownValue(addr, group(0, "pods_per_node"), knownvalue.Int64Exact(108)),
			statecheck.ExpectKnownValue(addr, group(1, "pods_per_node"), knownvalue.Int64Exact(110)),
			statecheck.ExpectKnownValue(addr, group(0, "node_subnet_ips_per_node"), knownvalue.Int64Exact(113)),
			statecheck.ExpectKnownValue(addr, group(1, "node_subnet_ips_per_node"), knownvalue.Int64Exact(113)),
			statecheck.ExpectKnownValue(addr, group(1, "prefixes_per_node"), knownvalue.Int64Exact(7)),
			statecheck.ExpectKnownValue(addr, planSubnet(0, "required_ips"), knownvalue.Int64Exact(226)),
			statecheck.ExpectKnownValue(addr, planSubnet(0, "prefix_blocks_needed"), knownvalue.Int64Exact(14)),
			statecheck.ExpectKnownValue(addr, planSubnet(0, "prefix_blocks_available_scattered"), knownvalue.Int64Exact(12)),
			statecheck.ExpectKnownValue(addr, planSubnet(0, "prefix_blocks_available_packed"), knownvalue.Int64Exact(14)),
			statecheck.ExpectKnownValue(addr, planSubnet(0, "headroom_ips"), knownvalue.Int64Exact(0)),
			statecheck.ExpectKnownValue(addr, planSubnet(0, "ips_by_group"), knownvalue.MapExact(map[string]knownvalue.Check{
				"linux": knownvalue.Int64Exact(113), "win": knownvalue.Int64Exact(113)})),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("fits"), knownvalue.Bool(true)),
			expectOutput("same_groups", knownvalue.Bool(true)),
			expectOutput("same_subnets", knownvalue.Bool(true)),
			expectOutput("win_equals_subnet_capacity", knownvalue.Bool(true)),
			expectOutput("win_equals_node_ips", knownvalue.Bool(true)),
		},
	})
}

// TestAccClusterIPPlanAWSNodeOnlySettings: warm_eni_target is aws-node's in
// either plan: with os = "windows" it sizes the Linux group (10 pods on
// m5.large with WARM_ENI_TARGET 0: 2 ENIs x 10 = 20 addresses) and no
// warning says it has no effect; in a linux plan whose only group is
// Windows it, custom_networking and the pod subnet configure no group, a
// warning each (on subnet[1].role for the pod subnet).
func TestAccClusterIPPlanAWSNodeOnlySettings(t *testing.T) {
	t.Parallel()
	const tail = ` (Windows pods take addresses of the primary ENI, in the node subnet, from the VPC resource controller), so it changes no number here; remove it, or add the Linux groups it is meant for.`
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_cluster_ip_plan" "windows" {
  os              = "windows"
  warm_eni_target = 0
  subnet {
    name              = "a"
    availability_zone = "eu-west-1a"
    cidr_block        = "10.0.0.0/24"
  }
  node_group {
    name           = "linux"
    os             = "linux"
    instance_types = ["m5.large"]
    max_size       = 1
    pods_per_node  = 10
  }
  node_group {
    name           = "win"
    instance_types = ["m5.large"]
    max_size       = 1
  }
}
data "ekssize_cluster_ip_plan" "linux" {
  warm_eni_target   = 2
  custom_networking = true
  subnet {
    name              = "a"
    availability_zone = "eu-west-1a"
    cidr_block        = "10.0.0.0/24"
  }
  subnet {
    name              = "pods-a"
    availability_zone = "eu-west-1a"
    cidr_block        = "100.64.0.0/24"
    role              = "pod"
  }
  node_group {
    name           = "win"
    os             = "windows"
    instance_types = ["m5.large"]
    max_size       = 1
  }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ekssize_cluster_ip_plan.windows", tfjsonpath.New("groups").AtSliceIndex(0).AtMapKey("node_subnet_ips_per_node"), knownvalue.Int64Exact(20)),
				statecheck.ExpectKnownValue("data.ekssize_cluster_ip_plan.windows", tfjsonpath.New("groups").AtSliceIndex(1).AtMapKey("node_subnet_ips_per_node"), knownvalue.Int64Exact(10)),
				statecheck.ExpectKnownValue("data.ekssize_cluster_ip_plan.windows", tfjsonpath.New("warnings"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.ekssize_cluster_ip_plan.linux", tfjsonpath.New("warnings"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact(`warm_eni_target configures no group of this plan: warm_eni_target is set on the plan, but every node_group and node_pool has os = "windows": it configures aws-node (WARM_ENI_TARGET), which no group of this plan runs, and the VPC resource controller has no warm ENI target` + tail),
					knownvalue.StringExact(`custom_networking configures no group of this plan: custom_networking is set on the plan, but every node_group and node_pool has os = "windows": it configures aws-node (AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG), which no group of this plan runs` + tail),
					knownvalue.StringExact(`Pod subnet used by no group of this plan: subnet[1].role is "pod", but every node_group and node_pool has os = "windows": a pod subnet is aws-node's (the ENIConfig subnet of custom networking, or a subnet discovery subnet), which no group of this plan runs (Windows pods take addresses of the primary ENI, in the node subnet, from the VPC resource controller), so no address of this plan goes there; remove it, or add the Linux groups it is meant for.`),
				})),
				statecheck.ExpectKnownValue("data.ekssize_cluster_ip_plan.linux", planSubnet(0, "required_ips"), knownvalue.Int64Exact(30)),
				statecheck.ExpectKnownValue("data.ekssize_cluster_ip_plan.linux", planSubnet(1, "required_ips"), knownvalue.Int64Exact(0)),
			},
		}},
	})
}

// TestAccClusterIPPlanPrefixDelegationLinuxOnly: a plan-level
// prefix_delegation with a Windows group and no windows_config_map warns
// that the Windows group keeps secondary IPs; an empty windows_config_map
// block (or object, in the function) says that is meant.
func TestAccClusterIPPlanPrefixDelegationLinuxOnly(t *testing.T) {
	t.Parallel()
	config := func(name, extra string) string {
		return `
data "ekssize_cluster_ip_plan" "` + name + `" {
  prefix_delegation = true
` + extra + `
  subnet {
    name              = "a"
    availability_zone = "eu-west-1a"
    cidr_block        = "10.0.0.0/22"
  }
  node_group {
    name           = "linux"
    instance_types = ["m5.large"]
    max_size       = 1
  }
  node_group {
    name           = "win"
    os             = "windows"
    instance_types = ["m5.large"]
    max_size       = 1
  }
}
`
	}
	functionTest(t, resource.TestStep{
		Config: config("warned", "") + config("quiet", "  windows_config_map {}") + `
locals {
  quiet = provider::ekssize::cluster_ip_plan({
    prefix_delegation  = true
    windows_config_map = {}
    subnet             = [{ name = "a", availability_zone = "eu-west-1a", cidr_block = "10.0.0.0/22" }]
    node_group = [
      { name = "linux", instance_types = ["m5.large"], max_size = 1 },
      { name = "win", os = "windows", instance_types = ["m5.large"], max_size = 1 },
    ]
  })
}
output "function_warnings" { value = length(local.quiet.warnings) }
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.ekssize_cluster_ip_plan.warned", tfjsonpath.New("warnings"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact(`prefix_delegation sizes the Linux groups only: In a plan whose os is "linux" prefix_delegation is aws-node's ENABLE_PREFIX_DELEGATION, which configures Linux nodes; windows_config_map is not given, so the Windows groups (node_group "win") are sized with the VPC resource controller's secondary IPs. If the cluster's amazon-vpc-cni ConfigMap has enable-windows-prefix-delegation: "true", set windows_config_map { prefix_delegation = true }; to plan secondary IPs on Windows, give windows_config_map {} to say so.`),
			})),
			statecheck.ExpectKnownValue("data.ekssize_cluster_ip_plan.quiet", tfjsonpath.New("warnings"), knownvalue.ListExact([]knownvalue.Check{})),
			statecheck.ExpectKnownValue("data.ekssize_cluster_ip_plan.quiet", tfjsonpath.New("groups").AtSliceIndex(1).AtMapKey("node_subnet_ips_per_node"), knownvalue.Int64Exact(10)),
			expectOutput("function_warnings", knownvalue.Int64Exact(0)),
		},
	})
}

// The mixed-OS checks run at terraform validate (ValidateConfig) while a
// subnet's CIDR is not known until apply, which defers the read.
func TestAccClusterIPPlanMixedOSValidateWithUnknowns(t *testing.T) {
	t.Parallel()
	config := func(extra string) string {
		return `
resource "terraform_data" "cidr" { input = "10.0.1.0/24" }
data "ekssize_cluster_ip_plan" "x" {
  subnet {
    name = "a"
    availability_zone = "eu-west-1a"
    cidr_block = terraform_data.cidr.output
  }
  node_group {
    name = "linux"
    instance_types = ["m5.large"]
    max_size = 3
  }
` + extra + `
}
`
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config("  windows_config_map {\n    prefix_delegation = true\n  }"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`windows_config_map\s+is\s+given,\s+but\s+no\s+node_group\s+or\s+node_pool\s+has\s+os\s+=\s+"windows"`),
		}, {
			Config: config(`  node_group {
    name = "win"
    os = "windows"
    instance_types = ["m5.large"]
    max_size = 3
    pods_per_node = 12
  }`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`node_group\s+"win",\s+instance\s+type\s+m5\.large:\s+pods_per_node\s+is\s+12,\s+more\s+than\s+max_pods\s+9`),
		}},
	})
}
