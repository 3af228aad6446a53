package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// functionTest runs one Terraform configuration of function calls, checking
// outputs; functions need Terraform 1.8.
func functionTest(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	acceptanceTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testProviderFactories,
		Steps:                    steps,
	})
}

func expectOutput(name string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownOutputValue(name, v)
}

func TestAccFunctionMaxPods(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, call string
		want       int64
	}{
		{"m5_large", `max_pods("m5.large")`, 29},
		{"m5_large_empty", `max_pods("m5.large", {})`, 29},
		{"t3a_medium", `max_pods("t3a.medium")`, 17},
		{"t3a_medium_pd", `max_pods("t3a.medium", { prefix_delegation = true })`, 110},
		{"m5_large_cn", `max_pods("m5.large", { custom_networking = true })`, 20},
		{"m5_4xlarge", `max_pods("m5.4xlarge")`, 110},
		{"m5_4xlarge_none", `max_pods("m5.4xlarge", { cap_policy = "none" })`, 234},
		{"m5_8xlarge_pd", `max_pods("m5.8xlarge", { prefix_delegation = true })`, 250},
		{"p5_48xlarge", `max_pods("p5.48xlarge")`, 100},
		{"windows", `max_pods("m5.large", { os = "windows" })`, 9},
		{"t3_nano_pd", `max_pods("t3.nano", { prefix_delegation = true })`, 34},
		{"auto_mode", `max_pods("m5.8xlarge", { prefix_delegation = true, cap_policy = "auto_mode" })`, 110},
		{"limits", `max_pods("m5.4xlarge", { cap_policy = "none", max_pods_limit = 200, pods_per_core = 10 })`, 160},
		{"max_eni_map", `max_pods("m5.large", tomap({ max_eni = "2", cap_policy = "none" }))`, 20},
		{"null_option", `max_pods("m5.large", { max_eni = null })`, 29},
		{"sgp_reserved", `max_pods("m5.2xlarge", { security_groups_for_pods = true, reserved_enis = 1 })`, 30},
		// Where the data source warns, the function returns the same value: the
		// VPC CNI's secondary-IP fallback, 2 x (10 - 1) + 2 = 20 on the Xen m4.large
		// and 3 x (10 - 1) + 2 = 29 with a CNI before 1.9 (issue 14 item 9).
		{"xen_pd_fallback", `max_pods("m4.large", { prefix_delegation = true })`, 20},
		{"old_cni_pd_fallback", `max_pods("m5.large", { prefix_delegation = true, cni_version = "1.8.0" })`, 29},
		{"strict_no_warning", `max_pods("m5.large", { prefix_delegation = true, strict = true })`, 110},
	}
	var cfg strings.Builder
	var checks []statecheck.StateCheck
	for _, c := range cases {
		fmt.Fprintf(&cfg, "output %q { value = provider::ekssize::%s }\n", c.name, c.call)
		checks = append(checks, expectOutput(c.name, knownvalue.Int64Exact(c.want)))
	}
	functionTest(t, resource.TestStep{Config: cfg.String(), ConfigStateChecks: checks})
}

// TestAccFunctionMaxPodsUnknown: an unknown instance type, options object or
// option value gives an unknown result at plan time, and the value at apply.
func TestAccFunctionMaxPodsUnknown(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
resource "terraform_data" "type" { input = "t3a.medium" }
resource "terraform_data" "two" { input = 2 }
resource "terraform_data" "opts" { input = { prefix_delegation = true } }
output "by_type"    { value = provider::ekssize::max_pods(terraform_data.type.output, { prefix_delegation = true }) }
output "by_value"   { value = provider::ekssize::max_pods("m5.large", { max_eni = terraform_data.two.output }) }
output "by_options" { value = provider::ekssize::max_pods("t3a.medium", terraform_data.opts.output) }
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectUnknownOutputValue("by_type"),
			plancheck.ExpectUnknownOutputValue("by_value"),
			plancheck.ExpectUnknownOutputValue("by_options"),
		}},
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("by_type", knownvalue.Int64Exact(110)),
			expectOutput("by_value", knownvalue.Int64Exact(20)),
			expectOutput("by_options", knownvalue.Int64Exact(110)),
		},
	})
}

func TestAccFunctionMaxPodsErrors(t *testing.T) {
	t.Parallel()
	cases := []struct{ call, want string }{
		{`max_pods("m5.lrage")`, `(?s)Invalid value for "instance_type" parameter: instance type "m5.lrage" is not in the embedded instance table.*did you mean m5.large\?`},
		{`max_pods(null)`, `Invalid value for "instance_type" parameter: argument must not be null`},
		{`max_pods("m5.large", null)`, `Invalid value for "options" parameter: argument must not be null`},
		{`max_pods("m5.large", { prefix_delegaton = true })`, `(?s)Invalid value for "options" parameter: unknown option "prefix_delegaton" \(did you mean "prefix_delegation"\?\); valid keys are cap_policy,.*security_groups_for_pods`},
		{`max_pods("m5.large", { max_eni = "two" })`, `(?s)options.max_eni: must be a whole number, got the string "two"; valid keys are`},
		{`max_pods("m5.large", { custom_networking = "yes" })`, `options.custom_networking: must be a bool, got the string "yes"`},
		{`max_pods("m5.large", 3)`, `options must be an object such as \{ prefix_delegation = true \}, got a number`},
		{`max_pods("m5.large", {}, {})`, `give at most one options object, got 2`},
		{`max_pods("m5.large", { max_eni = 0 })`, `Invalid value for "options" parameter: options.max_eni: max_eni is 0; it must be at least 1`},
		{`max_pods("m5.large", { cap_policy = "max" })`, `options.cap_policy: cap_policy is "max"; it must be one of "eks", "auto_mode" or "none"`},
		{`max_pods("t3.large", { security_groups_for_pods = true })`, `options.security_groups_for_pods: t3.large is not trunking compatible`},
		{`max_pods("c7i.32xlarge")`, `(?s)Call to function "provider::ekssize::max_pods" failed: options.cap_policy: cap_policy "eks" needs the vCPU count, which is unknown for c7i.32xlarge`},
		// With strict = true, warnings of the data source are errors of the function.
		{`max_pods("m4.large", { prefix_delegation = true, strict = true })`, `(?s)options.prefix_delegation: Prefix delegation is not supported on this instance type: m4.large runs on the xen hypervisor.*the ekssize_max_pods data source gives this as a warning; strict = true makes it an error`},
		{`max_pods("m5.large", { prefix_delegation = true, cni_version = "1.8.0", strict = true })`, `options.cni_version: Prefix delegation needs VPC CNI 1.9.0 or later`},
		// Functions take table types only: the hint names the data sources' instance object.
		{`max_pods("m5.lrage")`, `(?s)did you mean m5.large\? Only types from the table are accepted here; for a newer type, describe it with the instance object of the ekssize_max_pods, ekssize_subnet_capacity or ekssize_node_config data source`},
		{`max_pods("m5.large", { strict = "yes" })`, `options.strict: must be a bool, got the string "yes"`},
	}
	functionErrorTest(t, cases)
}

// functionErrorTest checks that each call fails with a message matching want,
// where a space in want matches any run of white space (Terraform wraps
// messages).
func functionErrorTest(t *testing.T, cases []struct{ call, want string }) {
	t.Helper()
	steps := make([]resource.TestStep, len(cases))
	for i, c := range cases {
		steps[i] = resource.TestStep{
			Config:      fmt.Sprintf("output \"x\" { value = provider::ekssize::%s }\n", c.call),
			ExpectError: regexp.MustCompile(strings.ReplaceAll(c.want, " ", `\s+`)),
		}
	}
	functionTest(t, steps...)
}

// agreementOptions are the option sets of the agreement tests, written once
// as attribute values (for the data source) and as an options object.
var agreementOptions = []map[string]attr.Value{
	{},
	{"prefix_delegation": types.BoolValue(true)},
	{"prefix_delegation": types.BoolValue(true), "cni_version": types.StringValue("1.8.0")},
	{"custom_networking": types.BoolValue(true), "security_groups_for_pods": types.BoolValue(true)},
	{"cap_policy": types.StringValue("none"), "max_eni": types.Int64Value(2)},
	{"cap_policy": types.StringValue("auto_mode"), "reserved_enis": types.Int64Value(1), "max_pods_limit": types.Int64Value(58), "pods_per_core": types.Int64Value(10)},
	{"ip_family": types.StringValue("ipv6")},
	{"os": types.StringValue("windows")},
	{"os": types.StringValue("windows"), "prefix_delegation": types.BoolValue(true)},
	{"max_eni": types.Int64Value(0)},
	{"launch_path": types.StringValue("auto_mode")},
	{"launch_path": types.StringValue("auto_mode"), "prefix_delegation": types.BoolValue(true), "max_pods_limit": types.Int64Value(20)},
	{"launch_path": types.StringValue("auto_mode"), "security_groups_for_pods": types.BoolValue(true)},
	{"launch_path": types.StringValue("managed"), "prefix_delegation": types.BoolValue(true)},
	{"launch_path": types.StringValue("managed_custom_ami"), "max_pods_limit": types.Int64Value(20)},
}

// TestAccMaxPodsFunctionAgreesWithDataSource is the agreement check through
// Terraform for a sample of types and options.
func TestAccMaxPodsFunctionAgreesWithDataSource(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
locals {
  types = ["m5.large", "t3a.medium", "t3.nano", "m5.4xlarge", "m5.8xlarge", "c6g.16xlarge", "p5.48xlarge", "m6i.metal", "r7g.large"]
  options = {
    default = {}
    pd      = { prefix_delegation = true }
    cn      = { custom_networking = true, cni_version = "v1.19.2-eksbuild.1" }
    none    = { cap_policy = "none", max_eni = 2 }
    limits  = { reserved_enis = 1, max_pods_limit = 58, pods_per_core = 10 }
    ipv6    = { ip_family = "ipv6" }
  }
  pairs = [for p in setproduct(local.types, keys(local.options)) : { name = "${p[0]}/${p[1]}", type = p[0], options = local.options[p[1]] }]
}

# count, not for_each: terraform-plugin-testing's state checks cannot index
# data sources by string keys.
data "ekssize_max_pods" "x" {
  count                    = length(local.pairs)
  instance_type            = local.pairs[count.index].type
  prefix_delegation        = lookup(local.pairs[count.index].options, "prefix_delegation", null)
  custom_networking        = lookup(local.pairs[count.index].options, "custom_networking", null)
  cni_version              = lookup(local.pairs[count.index].options, "cni_version", null)
  cap_policy               = lookup(local.pairs[count.index].options, "cap_policy", null)
  max_eni                  = lookup(local.pairs[count.index].options, "max_eni", null)
  reserved_enis            = lookup(local.pairs[count.index].options, "reserved_enis", null)
  max_pods_limit           = lookup(local.pairs[count.index].options, "max_pods_limit", null)
  pods_per_core            = lookup(local.pairs[count.index].options, "pods_per_core", null)
  ip_family                = lookup(local.pairs[count.index].options, "ip_family", null)
}

output "disagreements" {
  value = {
    for i, p in local.pairs : p.name => [data.ekssize_max_pods.x[i].max_pods, provider::ekssize::max_pods(p.type, p.options)]
    if data.ekssize_max_pods.x[i].max_pods != provider::ekssize::max_pods(p.type, p.options)
  }
}
output "compared" { value = length(local.pairs) }
output "m5_large_pd" { value = provider::ekssize::max_pods("m5.large", local.options.pd) }
`,
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("disagreements", knownvalue.MapExact(map[string]knownvalue.Check{})),
			expectOutput("compared", knownvalue.Int64Exact(54)),
			expectOutput("m5_large_pd", knownvalue.Int64Exact(110)),
		},
	})
}
