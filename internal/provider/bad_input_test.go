package provider

import (
	"context"
	"fmt"
	"maps"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// This file is the bad-input table: every way of holding the provider wrong
// that a user is likely to type, across all data sources and functions, each
// with the error text and where Terraform says the error is.
//
// Each case is written once, as attribute (or argument) values. The same
// values are
//   - rendered as HCL and run through the real Terraform CLI
//     (TestAccBadInput). For a data source the expected output includes the
//     configuration line Terraform prints under "on terraform_plugin_test.tf
//     line N", which is the line of the attribute the diagnostic is attached
//     to, directly followed by the message; that proves the attribute path.
//     For a function it includes the parameter Terraform names ("Invalid
//     value for "options" parameter: options.max_eni: ...").
//   - passed to the data source's Read or the function's Run directly
//     (TestBadInputDirect), asserting the exact diagnostic path (or function
//     argument index). This is what proves the path where Terraform can only
//     point at the whole block: values nested inside objects
//     (instance.vcpus, subnets[0].cidr_block, kube_reserved.cpu) and
//     attributes the configuration leaves out (cap_policy when the default
//     "eks" cap needs vCPUs).
// Cases rejected before the provider's code sees them (by Terraform: a value
// of the wrong type; by the framework: a fraction for a whole number) are
// CLI-only.

type badInput struct {
	name string

	// A data source case: the data source without "ekssize_", and its
	// configuration; the block is data "ekssize_<ds>" "x".
	ds    string
	attrs map[string]attr.Value

	// A function case: the function, its positional arguments and its
	// options arguments (each usually an object; none for the defaults).
	fn      string
	args    []attr.Value
	options []attr.Value

	// line is the configuration line Terraform shows for a data source
	// diagnostic (without indentation); "" means the data source block's
	// first line: Terraform cannot point inside an object, nor at an
	// attribute the configuration leaves out.
	line string
	// path is the attribute path of a data source's diagnostic, as
	// path.Path.String() writes it.
	path string
	// arg is the function parameter the error is attached to; "" for an
	// error of the whole call.
	arg string

	// want is the start of the error text. A space matches any white space
	// (Terraform wraps long messages) and " ... " any text.
	want string

	// cliOnly: Terraform or the framework rejects the value before the
	// provider's code sees it.
	cliOnly bool
}

type attrs = map[string]attr.Value

func str(s string) attr.Value        { return types.StringValue(s) }
func boolean(b bool) attr.Value      { return types.BoolValue(b) }
func i64(v int64) attr.Value         { return types.Int64Value(v) }
func numf(f float64) attr.Value      { return types.NumberValue(big.NewFloat(f)) }
func strs(s ...string) attr.Value    { return tuple(strsOf(s)...) }
func subnet(cidr string) attr.Value  { return lit(attrs{"cidr_block": str(cidr)}) }
func strList(s ...string) attr.Value { return types.ListValueMust(types.StringType, strsOf(s)) }
func strsOf(s []string) []attr.Value {
	out := make([]attr.Value, len(s))
	for i, v := range s {
		out[i] = str(v)
	}
	return out
}
func strMapValue(m map[string]string) attr.Value {
	vals := map[string]attr.Value{}
	for k, v := range m {
		vals[k] = str(v)
	}
	return types.MapValueMust(types.StringType, vals)
}

// testCA is base64 of the start of a PEM certificate.
const testCA = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM="

// clusterWith is a valid cluster object with one field replaced.
func clusterWith(field, value string) attr.Value {
	c := attrs{"name": str("demo"), "api_server_endpoint": str("https://ABCD.gr7.us-west-2.eks.amazonaws.com"),
		"certificate_authority": str(testCA), "service_cidr": str("10.100.0.0/16")}
	c[field] = str(value)
	return lit(c)
}

// with returns a copy of base with more attributes.
func with(base attrs, more attrs) attrs {
	out := maps.Clone(base)
	maps.Copy(out, more)
	return out
}

var (
	m5large   = attrs{"instance_type": str("m5.large")}
	oneSubnet = with(m5large, attrs{"subnets": tuple(subnet("10.0.0.0/24"))})
)

var badInputs = []badInput{
	// ekssize_instance_type
	{ds: "instance_type", name: "misspelled type with a suggestion",
		attrs: attrs{"instance_type": str("m5.larg")}, line: `instance_type = "m5.larg"`, path: "instance_type",
		want: `instance type "m5.larg" is not in the embedded instance table ... did you mean m5.large? Only types from the table are accepted here; for a newer type, describe it with the instance object of the ekssize_max_pods, ekssize_subnet_capacity or ekssize_node_config data source`},
	{ds: "instance_type", name: "empty type",
		attrs: attrs{"instance_type": str("")}, line: `instance_type = ""`, path: "instance_type",
		want: `instance type "" is not in the embedded instance table`},
	{ds: "instance_type", name: "type of the wrong type", cliOnly: true,
		attrs: attrs{"instance_type": strs("m5.large")}, line: `instance_type = ["m5.large"]`,
		want: `Inappropriate value for attribute "instance_type": string required.`},

	// ekssize_max_pods
	{ds: "max_pods", name: "misspelled type",
		attrs: attrs{"instance_type": str("m5.lrage")}, line: `instance_type = "m5.lrage"`, path: "instance_type",
		want: `instance type "m5.lrage" is not in the embedded instance table ... did you mean m5.large?`},
	{ds: "max_pods", name: "unknown launch_path",
		attrs: with(m5large, attrs{"launch_path": str("eks_managed")}), line: `launch_path = "eks_managed"`, path: "launch_path",
		want: `launch_path is "eks_managed"; it must be one of "self_managed", "managed", "managed_custom_ami" or "auto_mode"`},
	// EKS Auto Mode (internal/sizing/automode.go): the rules of "EKS Auto Mode
	// supported instance reference" and the settings Auto Mode cannot run.
	{ds: "max_pods", name: "Auto Mode: size micro",
		attrs: attrs{"instance_type": str("t3.micro"), "launch_path": str("auto_mode")}, line: `instance_type = "t3.micro"`, path: "instance_type",
		want: `launch_path = "auto_mode": EKS Auto Mode does not launch t3.micro: it "will only create EC2 instances that meet the following requirements: [...] Instance size is not nano, micro or small" (EKS User Guide, "EKS Auto Mode supported instance reference"); choose a larger size, such as t3.medium or t3.large`},
	{ds: "max_pods", name: "Auto Mode: family not listed",
		attrs: attrs{"instance_type": str("a1.large"), "launch_path": str("auto_mode")}, line: `instance_type = "a1.large"`, path: "instance_type",
		want: `launch_path = "auto_mode": EKS Auto Mode does not launch a1.large: the a1 family is not among the instance types it supports, and "EKS Auto Mode only creates instances of supported types"`},
	{ds: "max_pods", name: "Auto Mode: 1 vCPU",
		attrs: attrs{"instance_type": str("m6g.medium"), "launch_path": str("auto_mode")}, line: `instance_type = "m6g.medium"`, path: "instance_type",
		want: `launch_path = "auto_mode": EKS Auto Mode does not launch m6g.medium: it has 1 vCPU, and Auto Mode "will only create EC2 instances that meet the following requirements: More than 1 CPU"`},
	{ds: "max_pods", name: "Auto Mode: described instance with 1 vCPU",
		attrs: attrs{"instance": lit(attrs{"network_interfaces": num(3), "ipv4_addresses_per_interface": num(10), "vcpus": num(1)}), "launch_path": str("auto_mode")},
		path:  "instance.vcpus",
		want:  `launch_path = "auto_mode": EKS Auto Mode does not launch the described instance: it has 1 vCPU, and Auto Mode "will only create EC2 instances that meet the following requirements: More than 1 CPU" (EKS User Guide, "EKS Auto Mode supported instance reference"); describe an instance with at least 2 vCPUs (instance.vcpus), or use another launch_path`},
	{ds: "max_pods", name: "Auto Mode: security groups for pods",
		attrs: with(m5large, attrs{"launch_path": str("auto_mode"), "security_groups_for_pods": boolean(true)}), line: `security_groups_for_pods = true`, path: "security_groups_for_pods",
		want: `security_groups_for_pods cannot be used with launch_path = "auto_mode": EKS Auto Mode does not support "Security Groups per Pod (SGPP)"`},
	{ds: "max_pods", name: "Auto Mode: Windows",
		attrs: with(m5large, attrs{"launch_path": str("auto_mode"), "os": str("windows")}), line: `os = "windows"`, path: "os",
		want: `os = "windows" cannot be used with launch_path = "auto_mode": "EKS Auto Mode only supports Linux"`},
	{ds: "max_pods", name: "reserved_enis below 0",
		attrs: with(m5large, attrs{"reserved_enis": num(-1)}), line: `reserved_enis = -1`, path: "reserved_enis",
		want: `reserved_enis is -1; it must be 0 or more`},
	{ds: "max_pods", name: "max_eni 0",
		attrs: with(m5large, attrs{"max_eni": num(0)}), line: `max_eni = 0`, path: "max_eni",
		want: `max_eni is 0; it must be at least 1 (the VPC CNI's MAX_ENI), or left unset for no limit`},
	// Numbers a whole-number attribute cannot hold (whole_number.go), in the
	// provider's words and as typed (issue 14 item 16).
	{ds: "max_pods", name: "max_eni not whole",
		attrs: with(m5large, attrs{"max_eni": numf(1.5)}), line: `max_eni = 1.5`, path: "max_eni",
		want: `max_eni is 1.5; it must be a whole number`},
	{ds: "max_pods", name: "max_eni beyond 64 bits",
		attrs: with(m5large, attrs{"max_eni": numf(1e20)}), line: `max_eni = 100000000000000000000`, path: "max_eni",
		want: `max_eni is 100000000000000000000; that is more than any value this provider takes (whole numbers up to 1099511627776)`},
	{ds: "max_pods", name: "max_pods_limit beyond the internal bound, as typed",
		attrs: with(m5large, attrs{"max_pods_limit": num(-2000000000000)}), line: `max_pods_limit = -2000000000000`, path: "max_pods_limit",
		want: `max_pods_limit is -2000000000000; that is less than any value this provider takes (whole numbers down to -1099511627776)`},
	{ds: "max_pods", name: "custom vCPUs beyond the internal bound, as typed",
		attrs: attrs{"instance": lit(attrs{"network_interfaces": num(3), "ipv4_addresses_per_interface": num(10), "vcpus": num(5000000000000)})},
		path:  "instance.vcpus",
		want:  `instance.vcpus is 5000000000000; that is more than any value this provider takes`},
	{ds: "max_pods", name: "custom vCPUs not whole",
		attrs: attrs{"instance": lit(attrs{"network_interfaces": num(3), "ipv4_addresses_per_interface": num(10), "vcpus": numf(2.5)})},
		path:  "instance.vcpus", want: `instance.vcpus is 2.5; it must be a whole number`},
	// Misspelt and missing names inside object arguments (issue 14 item 12):
	// Terraform would drop an unknown name; the provider checks them
	// (checked_object.go).
	{ds: "max_pods", name: "misspelt attribute in instance", line: `instance = {`,
		attrs: attrs{"instance": lit(attrs{"network_interfaces": num(3), "ipv4_addresses_per_interface": num(10), "vcpu": num(2)})},
		path:  "instance",
		want: `instance: unknown attribute "vcpu" (did you mean "vcpus"?); valid attributes are architecture, bare_metal, hypervisor, ` +
			`ipv4_addresses_per_interface, memory_size, network_interfaces, vcpus`},
	{ds: "max_pods", name: "required attribute missing in instance", line: `instance = {`,
		attrs: attrs{"instance": lit(attrs{"network_interfaces": num(3)})},
		path:  "instance", want: `instance: attribute "ipv4_addresses_per_interface" is required`},
	{ds: "max_pods", name: "instance not an object", line: `instance = "m5.large"`,
		attrs: attrs{"instance": str("m5.large")},
		path:  "instance", want: `instance: must be an object, got a string`},
	{ds: "max_pods", name: "instance attribute of the wrong type", line: `instance = {`,
		attrs: attrs{"instance": lit(attrs{"network_interfaces": str("three"), "ipv4_addresses_per_interface": num(10)})},
		path:  "instance", want: `instance.network_interfaces: must be a number, got the string "three"`},
	{ds: "max_pods", name: "instance without its required attributes", line: `instance = {`,
		attrs: attrs{"instance": lit(attrs{"vcpus": num(2)})},
		path:  "instance", want: `instance: attributes "ipv4_addresses_per_interface" and "network_interfaces" are required`},
	// An empty string is not "left out" (whole_number.go, checkEmptyStrings).
	{ds: "max_pods", name: "empty launch_path",
		attrs: with(m5large, attrs{"launch_path": str("")}), line: `launch_path = ""`, path: "launch_path",
		want: `launch_path is ""; an empty string is not one of its values: leave launch_path out (or null) for its default, or give a value`},
	{ds: "subnet_capacity", name: "empty cap_policy",
		attrs: with(m5large, attrs{"cap_policy": str(""), "subnets": tuple(subnet("10.0.0.0/24"))}), line: `cap_policy = ""`, path: "cap_policy",
		want: `cap_policy is ""; an empty string is not one of its values`},
	{ds: "node_config", name: "empty os",
		attrs: with(m5large, attrs{"os": str("")}), line: `os = ""`, path: "os",
		want: `os is ""; an empty string is not one of its values`},
	{ds: "max_pods", name: "empty string inside a checked object", line: `instance = {`,
		attrs: attrs{"instance": lit(attrs{"network_interfaces": num(3), "ipv4_addresses_per_interface": num(10), "architecture": str("")})},
		path:  "instance", want: `instance.architecture is ""; an empty string is not one of its values: leave instance.architecture out (or null) for its default, or give a value`},
	{fn: "max_pods", name: "empty cap_policy option", args: []attr.Value{str("m5.large")},
		options: []attr.Value{obj(attrs{"cap_policy": str("")})}, arg: "options",
		want: `options.cap_policy: cap_policy is ""; an empty string is not one of its values: leave cap_policy out (or null) for its default, or give a value`},
	{ds: "max_pods", name: "1 MB instance type echoed shortened",
		attrs: attrs{"instance_type": str(strings.Repeat("m", 1<<20))}, line: `instance_type = "` + strings.Repeat("m", 1<<20) + `"`, path: "instance_type",
		want: `instance type "` + strings.Repeat("m", 64) + `"... (1048576 bytes) is not in the embedded instance table`},
	{ds: "max_pods", name: "1 MB cap_policy echoed shortened",
		attrs: with(m5large, attrs{"cap_policy": str(strings.Repeat("x", 1<<20))}), line: `cap_policy = "` + strings.Repeat("x", 1<<20) + `"`, path: "cap_policy",
		want: `cap_policy is "` + strings.Repeat("x", 64) + `"... (1048576 bytes); it must be one of "eks", "auto_mode" or "none"`},
	{ds: "max_pods", name: "max_pods_limit 0",
		attrs: with(m5large, attrs{"max_pods_limit": num(0)}), line: `max_pods_limit = 0`, path: "max_pods_limit",
		want: `max_pods_limit is 0; it must be at least 1`},
	{ds: "max_pods", name: "max_pods_limit -5",
		attrs: with(m5large, attrs{"max_pods_limit": num(-5)}), line: `max_pods_limit = -5`, path: "max_pods_limit",
		want: `max_pods_limit is -5; it must be at least 1`},
	{ds: "max_pods", name: "instance_type with instance_types",
		attrs: with(m5large, attrs{"instance_types": strs("m5.large")}), line: `instance_types = ["m5.large"]`, path: "instance_types",
		want: `give only one of instance_type, instance or instance_types`},
	{ds: "max_pods", name: "pods_per_core 0",
		attrs: with(m5large, attrs{"pods_per_core": num(0)}), line: `pods_per_core = 0`, path: "pods_per_core",
		want: `pods_per_core is 0; it must be at least 1`},
	{ds: "max_pods", name: "prefix_delegation not a bool", cliOnly: true,
		attrs: with(m5large, attrs{"prefix_delegation": str("maybe")}), line: `prefix_delegation = "maybe"`,
		want: `Inappropriate value for attribute "prefix_delegation": a bool is required.`},
	{ds: "max_pods", name: "unknown cap_policy",
		attrs: with(m5large, attrs{"cap_policy": str("max")}), line: `cap_policy = "max"`, path: "cap_policy",
		want: `cap_policy is "max"; it must be one of "eks", "auto_mode" or "none"`},
	{ds: "max_pods", name: "ip_family in capitals",
		attrs: with(m5large, attrs{"ip_family": str("IPv6")}), line: `ip_family = "IPv6"`, path: "ip_family",
		want: `ip_family is "IPv6"; it must be one of "ipv4" or "ipv6"`},
	{ds: "max_pods", name: "malformed cni_version",
		attrs: with(m5large, attrs{"cni_version": str("latest")}), line: `cni_version = "latest"`, path: "cni_version",
		want: `cni_version "latest" is not a VPC CNI version`},
	{ds: "max_pods", name: "cni_version 2.x",
		attrs: with(m5large, attrs{"cni_version": str("2.0.0")}), line: `cni_version = "2.0.0"`, path: "cni_version",
		want: `cni_version "2.0.0": only VPC CNI 1.x versions are known`},
	{ds: "max_pods", name: "IPv6 with custom networking",
		attrs: with(m5large, attrs{"ip_family": str("ipv6"), "custom_networking": boolean(true)}),
		line:  `custom_networking = true`, path: "custom_networking",
		want: `custom_networking cannot be used with ip_family = "ipv6"`},
	{ds: "max_pods", name: "IPv6 with a CNI before 1.10",
		attrs: with(m5large, attrs{"ip_family": str("ipv6"), "cni_version": str("1.9.0")}),
		line:  `cni_version = "1.9.0"`, path: "cni_version",
		want: `ip_family = "ipv6" needs VPC CNI 1.10.0 or later, but cni_version is "1.9.0"`},
	{ds: "max_pods", name: "IPv6 on a Xen type",
		attrs: attrs{"instance_type": str("m4.large"), "ip_family": str("ipv6")}, line: `ip_family = "ipv6"`, path: "ip_family",
		want: `ip_family = "ipv6" needs a Nitro-based instance type, but m4.large runs on the xen hypervisor`},
	{ds: "max_pods", name: "unknown mirror",
		attrs: with(m5large, attrs{"mirror": str("script")}), line: `mirror = "script"`, path: "mirror",
		want: `mirror is "script"; it must be one of "vpc_cni" or "max_pods_calculator"`},
	{ds: "max_pods", name: "security groups for pods on a small Nitro type that cannot trunk",
		attrs: attrs{"instance_type": str("t3.nano"), "security_groups_for_pods": boolean(true)},
		line:  `security_groups_for_pods = true`, path: "security_groups_for_pods",
		want: `security_groups_for_pods: t3.nano is not trunking compatible: the VPC resource controller gives it no trunk ENI, so pods cannot get their own security groups on it; use a type whose trunking_compatible is true (ekssize_instance_type), such as m5.large`},
	{ds: "max_pods", name: "security groups for pods on a type that cannot trunk",
		attrs: attrs{"instance_type": str("t3.large"), "security_groups_for_pods": boolean(true)},
		line:  `security_groups_for_pods = true`, path: "security_groups_for_pods",
		want: `security_groups_for_pods: t3.large is not trunking compatible`},
	{ds: "max_pods", name: "security groups for pods on Windows",
		attrs: with(m5large, attrs{"os": str("windows"), "security_groups_for_pods": boolean(true)}),
		line:  `security_groups_for_pods = true`, path: "security_groups_for_pods",
		want: `security_groups_for_pods cannot be used with os = "windows": security groups for pods are not supported for pods on Windows nodes (EKS User Guide, "Deploy Windows nodes on EKS clusters", considerations)`},
	{ds: "max_pods", name: "IPv6 on Windows",
		attrs: with(m5large, attrs{"os": str("windows"), "ip_family": str("ipv6")}),
		line:  `ip_family = "ipv6"`, path: "ip_family",
		want: `ip_family = "ipv6" cannot be used with os = "windows": EKS does not support IPv6 on Windows nodes`},
	{ds: "max_pods", name: "Windows on a type the VPC resource controller lacks",
		attrs: attrs{"instance_type": str("u-6tb1.metal"), "os": str("windows")},
		line:  `os = "windows"`, path: "os",
		want: `os = "windows": u-6tb1.metal is not in the VPC resource controller's instance limits (amazon-vpc-resource-controller-k8s v1.8.2, pkg/aws/vpc/limits.go)`},
	{ds: "max_pods", name: "unknown vCPUs under the default eks cap",
		attrs: attrs{"instance_type": str("c7i.32xlarge")}, path: "cap_policy",
		want: `cap_policy "eks" needs the vCPU count, which is unknown for c7i.32xlarge; give instance.vcpus, or set cap_policy = "none" (with max_pods_limit for a cap of your own)`},
	{ds: "max_pods", name: "unknown vCPUs with pods_per_core",
		attrs: attrs{"instance": lit(attrs{"network_interfaces": num(3), "ipv4_addresses_per_interface": num(10)}),
			"cap_policy": str("none"), "pods_per_core": num(10)},
		line: `pods_per_core = 10`, path: "pods_per_core",
		want: `pods_per_core needs the vCPU count, which is unknown for the described instance`},
	{ds: "max_pods", name: "custom instance with negative ENIs",
		attrs: attrs{"instance": lit(attrs{"network_interfaces": num(-3), "ipv4_addresses_per_interface": num(10)})},
		path:  "instance.network_interfaces",
		want:  `instance.network_interfaces is -3; it must be between 1 and 1000`},
	{ds: "max_pods", name: "custom instance with 0 vCPUs",
		attrs: attrs{"instance": lit(attrs{"network_interfaces": num(3), "ipv4_addresses_per_interface": num(10), "vcpus": num(0)})},
		path:  "instance.vcpus",
		want:  `instance.vcpus is 0; it must be between 1 and 100000, or left unset if unknown`},
	{ds: "max_pods", name: "instance_type and instance both",
		attrs: with(m5large, attrs{"instance": lit(attrs{"network_interfaces": num(3), "ipv4_addresses_per_interface": num(10)})}),
		line:  `instance_type = "m5.large"`, path: "instance_type",
		want: `give instance_type or instance, not both`},
	{ds: "max_pods", name: "no instance at all",
		attrs: attrs{"prefix_delegation": boolean(true)}, path: "instance_type",
		want: `give instance_type (a type from the embedded table, such as "m5.large") or instance`},
	{ds: "max_pods", name: "misspelled type in instance_types",
		attrs: attrs{"instance_types": strs("m5.large", "c5.4xlrge")}, line: `"c5.4xlrge",`, path: "instance_types[1]",
		want: `instance type "c5.4xlrge" is not in the embedded instance table ... did you mean c5.4xlarge?`},
	{ds: "max_pods", name: "null in instance_types",
		attrs: attrs{"instance_types": tuple(str("m5.large"), types.StringNull())}, line: `null,`, path: "instance_types[1]",
		want: `instance_types contains null`},
	{ds: "max_pods", name: "empty instance_types",
		attrs: attrs{"instance_types": strs()}, line: `instance_types = []`, path: "instance_types",
		want: `instance_types is empty; give at least one instance type`},

	// ekssize_subnet_capacity
	{ds: "subnet_capacity", name: "misspelt attribute in reserved", line: `reserved = {`,
		attrs: with(m5large, attrs{"subnets": tuple(subnet("10.0.0.0/24")), "reserved": lit(attrs{"application_loadbalancers": num(10)})}),
		path:  "reserved",
		want: `reserved: unknown attribute "application_loadbalancers" (did you mean "application_load_balancers"?); valid attributes ` +
			`are application_load_balancers, fargate_pods, interface_endpoints, network_load_balancers, other_ips`},
	{ds: "subnet_capacity", name: "misspelt attribute in a subnet", line: `{`,
		attrs: with(m5large, attrs{"subnets": tuple(subnet("10.0.0.0/24"), lit(attrs{"cidr_block": str("10.0.1.0/24"), "available_ip_addresses_count": num(20)}))}),
		path:  "subnets[1]",
		want:  `subnets[1]: unknown attribute "available_ip_addresses_count" (did you mean "available_ip_address_count"?); valid attributes are`},
	{ds: "subnet_capacity", name: "misspelt attribute in a pod subnet", line: `{`,
		attrs: with(m5large, attrs{"custom_networking": boolean(true), "subnets": tuple(subnet("10.0.0.0/24")),
			"pod_subnets": tuple(lit(attrs{"cidr": str("100.64.0.0/16")}))}),
		path: "pod_subnets[0]",
		want: `pod_subnets[0]: unknown attribute "cidr"; valid attributes are available_ip_address_count, cidr_block, cluster_subnet, name, prefix_reservations`},
	{ds: "subnet_capacity", name: "subnet without a CIDR block", line: `{`,
		attrs: with(m5large, attrs{"subnets": tuple(lit(attrs{"name": str("a")}))}),
		path:  "subnets[0]", want: `subnets[0]: attribute "cidr_block" is required`},
	{ds: "subnet_capacity", name: "null subnet", line: `null,`,
		attrs: with(m5large, attrs{"subnets": tuple(subnet("10.0.0.0/24"), types.DynamicNull())}),
		path:  "subnets[1]", want: `subnets[1]: must be an object, got null`},
	{ds: "subnet_capacity", name: "subnet attribute of the wrong type", line: `{`,
		attrs: with(m5large, attrs{"subnets": tuple(lit(attrs{"cidr_block": str("10.0.0.0/24"), "cluster_subnet": str("yes")}))}),
		path:  "subnets[0]", want: `subnets[0].cluster_subnet: must be a bool, got the string "yes"`},
	{ds: "subnet_capacity", name: "subnets not a list", line: `subnets = {`,
		attrs: with(m5large, attrs{"subnets": subnet("10.0.0.0/24")}),
		path:  "subnets", want: `subnets: must be a list, got an object`},
	{ds: "subnet_capacity", name: "IPv6 CIDR",
		attrs: with(m5large, attrs{"subnets": tuple(subnet("2600:1f18:1234:5600::/64"))}), path: "subnets[0].cidr_block",
		want: `subnets[0].cidr_block "2600:1f18:1234:5600::/64" is an IPv6 CIDR; give the subnet's IPv4 CIDR block`},
	{ds: "subnet_capacity", name: "malformed CIDR",
		attrs: with(m5large, attrs{"subnets": tuple(subnet("10.0.0.0"))}), path: "subnets[0].cidr_block",
		want: `subnets[0].cidr_block "10.0.0.0" is not a CIDR block; use the form "10.0.0.0/24"`},
	{ds: "subnet_capacity", name: "host bits set",
		attrs: with(m5large, attrs{"subnets": tuple(subnet("10.0.0.1/24"))}), path: "subnets[0].cidr_block",
		want: `subnets[0].cidr_block "10.0.0.1/24" has bits set after the prefix length; did you mean "10.0.0.0/24"?`},
	{ds: "subnet_capacity", name: "/29 subnet",
		attrs: with(m5large, attrs{"subnets": tuple(subnet("10.0.0.0/29"))}), path: "subnets[0].cidr_block",
		want: `subnets[0].cidr_block "10.0.0.0/29" is a /29; AWS IPv4 subnets are /16 (65,536 addresses) to /28`},
	{ds: "subnet_capacity", name: "/15 subnet",
		attrs: with(m5large, attrs{"subnets": tuple(subnet("10.0.0.0/24"), subnet("10.2.0.0/15"))}), path: "subnets[1].cidr_block",
		want: `subnets[1].cidr_block "10.2.0.0/15" is a /15`},
	{ds: "subnet_capacity", name: "reservation outside the subnet",
		attrs: with(m5large, attrs{"subnets": tuple(lit(attrs{"cidr_block": str("10.0.0.0/24"), "prefix_reservations": strs("10.0.1.0/28")}))}),
		path:  "subnets[0].prefix_reservations[0]",
		want:  `subnets[0].prefix_reservations[0] "10.0.1.0/28" is not inside the subnet 10.0.0.0/24`},
	{ds: "subnet_capacity", name: "reservation smaller than a prefix",
		attrs: with(m5large, attrs{"subnets": tuple(lit(attrs{"cidr_block": str("10.0.0.0/24"), "prefix_reservations": strs("10.0.0.16/29")}))}),
		path:  "subnets[0].prefix_reservations[0]",
		want:  `subnets[0].prefix_reservations[0] "10.0.0.16/29" is a /29; a prefix reservation must be /28 or larger`},
	{ds: "subnet_capacity", name: "overlapping reservations",
		attrs: with(m5large, attrs{"subnets": tuple(lit(attrs{"cidr_block": str("10.0.0.0/24"), "prefix_reservations": strs("10.0.0.0/25", "10.0.0.64/26")}))}),
		path:  "subnets[0].prefix_reservations[1]",
		want:  `subnets[0].prefix_reservations[1] "10.0.0.64/26" overlaps subnets[0].prefix_reservations[0] "10.0.0.0/25"`},
	{ds: "subnet_capacity", name: "overlapping subnets",
		attrs: with(m5large, attrs{"subnets": tuple(subnet("10.0.0.0/23"), subnet("10.0.1.0/24"))}), path: "subnets[1].cidr_block",
		want: `subnets[1].cidr_block 10.0.1.0/24 overlaps subnets[0] 10.0.0.0/23`},
	{ds: "subnet_capacity", name: "more available IPs than usable",
		attrs: with(m5large, attrs{"subnets": tuple(lit(attrs{"cidr_block": str("10.0.0.0/24"), "available_ip_address_count": num(300)}))}),
		path:  "subnets[0].available_ip_address_count",
		want:  `subnets[0].available_ip_address_count is 300; for 10.0.0.0/24 it must be between 0 and 251`},
	{ds: "subnet_capacity", name: "no subnets",
		attrs: with(m5large, attrs{"subnets": tuple()}), line: `subnets = []`, path: "subnets",
		want: `subnets is empty; give at least one subnet`},
	{ds: "subnet_capacity", name: "subnets left out", cliOnly: true,
		attrs: m5large,
		want:  `The argument "subnets" is required, but no definition was found.`},
	{ds: "subnet_capacity", name: "custom networking without pod subnets",
		attrs: with(oneSubnet, attrs{"custom_networking": boolean(true)}), path: "pod_subnets",
		want: `custom_networking is on, so pods take their addresses from the ENIConfig subnets: give pod_subnets`},
	{ds: "subnet_capacity", name: "IPv6 with custom networking",
		attrs: with(oneSubnet, attrs{"custom_networking": boolean(true), "ip_family": str("ipv6"),
			"pod_subnets": tuple(subnet("100.64.0.0/24"))}),
		line: `custom_networking = true`, path: "custom_networking",
		want: `custom_networking cannot be used with ip_family = "ipv6"`},
	{ds: "subnet_capacity", name: "branch pods on a type that cannot trunk",
		attrs: with(oneSubnet, attrs{"instance_type": str("t3.large"), "security_groups_for_pods": boolean(true), "branch_pods_per_node": num(2)}),
		line:  `branch_pods_per_node = 2`, path: "branch_pods_per_node",
		want: `branch_pods_per_node is 2, but t3.large is not trunking compatible`},
	{ds: "subnet_capacity", name: "minimum IP target below the pods",
		attrs: with(oneSubnet, attrs{"minimum_ip_target": num(12), "pods_per_node": num(13)}),
		line:  `minimum_ip_target = 12`, path: "minimum_ip_target",
		want: `minimum_ip_target = 12 without warm_ip_target freezes each node at`},
	{ds: "subnet_capacity", name: "negative warm IP target",
		attrs: with(oneSubnet, attrs{"warm_ip_target": num(-1)}), line: `warm_ip_target = -1`, path: "warm_ip_target",
		want: `warm_ip_target is -1; it must be between 0 and`},
	{ds: "subnet_capacity", name: "unknown prefix_layout",
		attrs: with(oneSubnet, attrs{"prefix_layout": str("dense")}), line: `prefix_layout = "dense"`, path: "prefix_layout",
		want: `prefix_layout is "dense"; it must be one of "scattered" or "packed"`},
	{ds: "subnet_capacity", name: "negative reserved count",
		attrs: with(oneSubnet, attrs{"reserved": lit(attrs{"fargate_pods": num(-1)})}), path: "reserved.fargate_pods",
		want: `reserved.fargate_pods is -1; it must be between 0 and`},
	{ds: "subnet_capacity", name: "negative node_count",
		attrs: with(oneSubnet, attrs{"node_count": num(-1)}), line: `node_count = -1`, path: "node_count",
		want: `node_count is -1; it must be between 0 and`},
	{ds: "subnet_capacity", name: "node_count beyond the internal bound, as typed",
		attrs: with(oneSubnet, attrs{"node_count": num(2000000000000)}), line: `node_count = 2000000000000`, path: "node_count",
		want: `node_count is 2000000000000; that is more than any value this provider takes (whole numbers up to 1099511627776)`},
	{ds: "subnet_capacity", name: "available IPs not whole",
		attrs: with(m5large, attrs{"subnets": tuple(lit(attrs{"cidr_block": str("10.0.0.0/24"), "available_ip_address_count": numf(20.5)}))}),
		path:  "subnets[0].available_ip_address_count",
		want:  `subnets[0].available_ip_address_count is 20.5; it must be a whole number`},
	{ds: "subnet_capacity", name: "reserved count not whole",
		attrs: with(oneSubnet, attrs{"reserved": lit(attrs{"other_ips": numf(0.5)})}), path: "reserved.other_ips",
		want: `reserved.other_ips is 0.5; it must be a whole number`},
	{ds: "subnet_capacity", name: "pods beyond max pods",
		attrs: with(oneSubnet, attrs{"pods_per_node": num(40)}), line: `pods_per_node = 40`, path: "pods_per_node",
		want: `pods_per_node is 40, more than max_pods 29`},

	// ekssize_node_config
	{ds: "node_config", name: "misspelt attribute in kube_reserved", line: `kube_reserved = {`,
		attrs: with(m5large, attrs{"kube_reserved": lit(attrs{"memroy": str("1Gi")})}),
		path:  "kube_reserved",
		want:  `kube_reserved: unknown attribute "memroy" (did you mean "memory"?); valid attributes are cpu, ephemeral_storage, memory`},
	{ds: "node_config", name: "misspelt attribute in system_reserved", line: `system_reserved = {`,
		attrs: with(m5large, attrs{"system_reserved": lit(attrs{"ephemeral-storage": str("1Gi")})}),
		path:  "system_reserved",
		want:  `system_reserved: unknown attribute "ephemeral-storage" (did you mean "ephemeral_storage"?); valid attributes are`},
	{ds: "node_config", name: "misspelt attribute in cluster", line: `cluster = {`,
		attrs: with(m5large, attrs{"cluster": lit(attrs{"name": str("demo"), "api_server_endpoint": str("https://x"),
			"certificate_authority": str("Y2E="), "service_cidr": str("10.100.0.0/16"), "ip_famliy": str("ipv4")})}),
		path: "cluster",
		want: `cluster: unknown attribute "ip_famliy"`},
	{ds: "node_config", name: "unknown launch_path",
		attrs: with(m5large, attrs{"launch_path": str("Managed")}), line: `launch_path = "Managed"`, path: "launch_path",
		want: `launch_path is "Managed"; it must be one of "self_managed", "managed", "managed_custom_ami" or "auto_mode"`},
	{ds: "node_config", name: "Auto Mode has no user data",
		attrs: with(m5large, attrs{"launch_path": str("auto_mode")}), line: `launch_path = "auto_mode"`, path: "launch_path",
		want: `launch_path = "auto_mode" cannot be used here: kube-reserved, allocatable and the node configurations are for nodes whose user data you write, but EKS Auto Mode nodes take none ("AWS determines the operating system and image", EKS User Guide, Learn about Amazon EKS Auto Mode Managed instances) and AWS publishes no kube-reserved for them`},
	{ds: "node_config", name: "unknown ami_family",
		attrs: with(m5large, attrs{"ami_family": str("ubuntu")}), line: `ami_family = "ubuntu"`, path: "ami_family",
		want: `ami_family is "ubuntu"; it must be one of "al2023", "al2" or "bottlerocket"`},
	{ds: "node_config", name: "Windows on Bottlerocket",
		attrs: with(m5large, attrs{"ami_family": str("bottlerocket"), "os": str("windows")}), line: `os = "windows"`, path: "os",
		want: `os = "windows" cannot be used with ami_family = "bottlerocket"`},
	{ds: "node_config", name: "malformed CPU quantity",
		attrs: with(m5large, attrs{"kube_reserved": lit(attrs{"cpu": str("lots")})}), path: "kube_reserved.cpu",
		want: `kube_reserved.cpu is "lots", which is not a Kubernetes CPU quantity`},
	{ds: "node_config", name: "CPU finer than a millicore",
		attrs: with(m5large, attrs{"kube_reserved": lit(attrs{"cpu": str("0.0001")})}), path: "kube_reserved.cpu",
		want: `kube_reserved.cpu is "0.0001", finer than one millicore`},
	{ds: "node_config", name: "memory with a B",
		attrs: with(m5large, attrs{"kube_reserved": lit(attrs{"memory": str("574MB")})}), path: "kube_reserved.memory",
		want: `kube_reserved.memory is "574MB": Kubernetes writes units without "B"`},
	{ds: "node_config", name: "milli memory",
		attrs: with(m5large, attrs{"system_reserved": lit(attrs{"memory": str("100m")})}), path: "system_reserved.memory",
		want: `system_reserved.memory is "100m": the suffix "m" means thousandths (milli), not mega`},
	{ds: "node_config", name: "negative ephemeral storage",
		attrs: with(m5large, attrs{"kube_reserved": lit(attrs{"ephemeral_storage": str("-1Gi")})}), path: "kube_reserved.ephemeral_storage",
		want: `kube_reserved.ephemeral_storage is "-1Gi"; it must not be negative`},
	{ds: "node_config", name: "unknown eviction signal",
		attrs: with(m5large, attrs{"eviction_hard": strMapValue(map[string]string{"memory.free": "1Gi"})}),
		line:  `"memory.free" = "1Gi"`, path: `eviction_hard["memory.free"]`,
		want: `eviction_hard has the signal "memory.free", which is not one kubelet and Karpenter both accept`},
	{ds: "node_config", name: "eviction percentage above 100",
		attrs: with(m5large, attrs{"eviction_hard": strMapValue(map[string]string{"nodefs.available": "110%"})}),
		line:  `"nodefs.available" = "110%"`, path: `eviction_hard["nodefs.available"]`,
		want: `eviction_hard[nodefs.available] is "110%"; a percentage threshold is a number from 0 to 100`},
	{ds: "node_config", name: "null eviction threshold",
		attrs: with(m5large, attrs{"eviction_hard": types.MapValueMust(types.StringType, map[string]attr.Value{"memory.available": types.StringNull()})}),
		line:  `"memory.available" = null`, path: `eviction_hard["memory.available"]`,
		want: `eviction_hard[memory.available] is null; give a threshold such as "100Mi" or "10%", or leave the signal out for its default`},
	{ds: "node_config", name: "root volume not whole",
		attrs: with(m5large, attrs{"root_volume_size": numf(20.5)}), line: `root_volume_size = 20.5`, path: "root_volume_size",
		want: `root_volume_size is 20.5; it must be a whole number`},
	{ds: "node_config", name: "max_pods beyond the internal bound, as typed",
		attrs: with(m5large, attrs{"max_pods": num(3000000000000)}), line: `max_pods = 3000000000000`, path: "max_pods",
		want: `max_pods is 3000000000000; that is more than any value this provider takes`},
	{ds: "node_config", name: "unknown kube_reserved_basis",
		attrs: with(m5large, attrs{"kube_reserved_basis": str("pods")}), line: `kube_reserved_basis = "pods"`, path: "kube_reserved_basis",
		want: `kube_reserved_basis is "pods"; it must be one of "max_pods" or "eni"`},
	{ds: "node_config", name: "overhead as a percentage",
		attrs: with(m5large, attrs{"vm_memory_overhead_percent": types.Float64Value(7.5)}), line: `vm_memory_overhead_percent = 7.5`, path: "vm_memory_overhead_percent",
		want: `vm_memory_overhead_percent is 7.5; it is a fraction from 0 up to (not including) 1`},
	{ds: "node_config", name: "root volume 0",
		attrs: with(m5large, attrs{"root_volume_size": num(0)}), line: `root_volume_size = 0`, path: "root_volume_size",
		want: `root_volume_size is 0; it must be between 1 and 65536 GiB`},
	{ds: "node_config", name: "more ENIs than the type takes",
		attrs: with(m5large, attrs{"attached_network_interfaces": num(9)}), line: `attached_network_interfaces = 9`, path: "attached_network_interfaces",
		want: `attached_network_interfaces is 9, but m5.large takes at most 3 ENIs`},
	{ds: "node_config", name: "max_pods 0",
		attrs: with(m5large, attrs{"max_pods": num(0)}), line: `max_pods = 0`, path: "max_pods",
		want: `max_pods is 0; it must be at least 1`},
	{ds: "node_config", name: "malformed service CIDR",
		attrs: with(m5large, attrs{"cluster": lit(attrs{"name": str("a"), "api_server_endpoint": str("https://x"),
			"certificate_authority": str("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM="), "service_cidr": str("10.100.0.0")})}),
		path: "cluster.service_cidr",
		want: `cluster.service_cidr is "10.100.0.0", which is not a CIDR block`},
	// Empty or malformed cluster fields (issue 14 item 13): a NodeConfig
	// with them is complete but the node cannot join.
	{ds: "node_config", name: "empty cluster name",
		attrs: with(m5large, attrs{"cluster": clusterWith("name", "")}), path: "cluster.name",
		want: `cluster.name is empty; give the EKS cluster's name (aws_eks_cluster.name)`},
	{ds: "node_config", name: "cluster name with a space",
		attrs: with(m5large, attrs{"cluster": clusterWith("name", "my cluster")}), path: "cluster.name",
		want: `cluster.name is "my cluster", which is not an EKS cluster name: 1 to 100 letters, digits, hyphens and underscores`},
	{ds: "node_config", name: "empty API server endpoint",
		attrs: with(m5large, attrs{"cluster": clusterWith("api_server_endpoint", "")}), path: "cluster.api_server_endpoint",
		want: `cluster.api_server_endpoint is empty; give the cluster's API server URL (aws_eks_cluster.endpoint)`},
	{ds: "node_config", name: "API server endpoint without https",
		attrs: with(m5large, attrs{"cluster": clusterWith("api_server_endpoint", "ABCD.gr7.us-west-2.eks.amazonaws.com")}), path: "cluster.api_server_endpoint",
		want: `cluster.api_server_endpoint is "ABCD.gr7.us-west-2.eks.amazonaws.com", which is not an https URL`},
	{ds: "node_config", name: "empty certificate authority",
		attrs: with(m5large, attrs{"cluster": clusterWith("certificate_authority", "")}), path: "cluster.certificate_authority",
		want: `cluster.certificate_authority is empty; give the base64-encoded CA bundle`},
	{ds: "node_config", name: "certificate authority not base64",
		attrs: with(m5large, attrs{"cluster": clusterWith("certificate_authority", "-----BEGIN CERTIFICATE-----")}), path: "cluster.certificate_authority",
		want: `cluster.certificate_authority is not base64 (27 characters); give aws_eks_cluster.certificate_authority[0].data as it is, not decoded`},
	{ds: "node_config", name: "certificate authority without a certificate",
		attrs: with(m5large, attrs{"cluster": clusterWith("certificate_authority", "Q0E=")}), path: "cluster.certificate_authority",
		want: `cluster.certificate_authority decodes to no PEM certificate`},
	{ds: "node_config", name: "empty service CIDR",
		attrs: with(m5large, attrs{"cluster": clusterWith("service_cidr", "")}), path: "cluster.service_cidr",
		want: `cluster.service_cidr is empty; give the cluster's service CIDR`},
	{ds: "node_config", name: "custom instance without memory",
		attrs: attrs{"instance": lit(attrs{"network_interfaces": num(3), "ipv4_addresses_per_interface": num(10), "vcpus": num(2)})},
		path:  "instance.memory_size",
		want:  `node resources need the memory size; give instance.memory_size`},
	{ds: "node_config", name: "table type with unknown vCPUs",
		attrs: attrs{"instance_type": str("c7i.32xlarge"), "cap_policy": str("none")}, line: `instance_type = "c7i.32xlarge"`, path: "instance_type",
		want: `the vCPU count of c7i.32xlarge is unknown to the embedded instance table`},

	// Functions.
	{fn: "subnet_max_nodes", name: "pod subnet without a CIDR block", args: []attr.Value{str("10.0.0.0/24"), str("m5.large")},
		options: []attr.Value{obj(attrs{"custom_networking": boolean(true), "pod_subnets": tuple(lit(attrs{"name": str("a")}))})},
		arg:     "options", want: `options.pod_subnets[0]: attribute "cidr_block" is required`},
	{fn: "max_pods", name: "misspelled type", args: []attr.Value{str("m5.lrage")}, arg: "instance_type",
		want: `instance type "m5.lrage" is not in the embedded instance table ... did you mean m5.large? Only types from the table are accepted here; for a newer type, describe it with the instance object of the ekssize_max_pods, ekssize_subnet_capacity or ekssize_node_config data source`},
	{fn: "max_pods", name: "null type", cliOnly: true, args: []attr.Value{types.StringNull()}, arg: "instance_type",
		want: `argument must not be null`},
	{fn: "max_pods", name: "null options", cliOnly: true, args: []attr.Value{str("m5.large")}, options: []attr.Value{types.DynamicNull()}, arg: "options",
		want: `argument must not be null`},
	{fn: "max_pods", name: "options not an object", args: []attr.Value{str("m5.large")}, options: []attr.Value{num(3)}, arg: "options",
		want: `options must be an object such as { prefix_delegation = true }, got a number; valid keys are cap_policy,`},
	{fn: "max_pods", name: "two options objects", args: []attr.Value{str("m5.large")}, options: []attr.Value{lit(nil), lit(nil)}, arg: "options",
		want: `give at most one options object, got 2; combine them with merge()`},
	{fn: "max_pods", name: "misspelled option with a suggestion", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"prefix_delegaton": boolean(true)})}, arg: "options",
		want: `unknown option "prefix_delegaton" (did you mean "prefix_delegation"?); valid keys are cap_policy,`},
	{fn: "max_pods", name: "unknown option", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"colour": str("blue")})}, arg: "options",
		want: `unknown option "colour"; valid keys are cap_policy,`},
	{fn: "max_pods", name: "string for a whole number", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"max_eni": str("two")})}, arg: "options",
		want: `options.max_eni: must be a whole number, got the string "two"`},
	{fn: "max_pods", name: "fraction for a whole number", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"max_eni": numf(1.5)})}, arg: "options",
		want: `options.max_eni: must be a whole number, got 1.5`},
	{fn: "max_pods", name: "whole number beyond 64 bits", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"max_eni": numf(1e20)})}, arg: "options",
		want: `options.max_eni: must be a whole number that fits in 64 bits, got 1e+20`},
	{fn: "max_pods", name: "whole number beyond the internal bound, as typed", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"max_eni": num(2000000000000)})}, arg: "options",
		want: `options.max_eni: more than any value this provider takes (whole numbers up to 1099511627776), got 2000000000000`},
	{fn: "max_pods", name: "1 MB option value echoed shortened", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"cap_policy": str(strings.Repeat("x", 1<<20))})}, arg: "options",
		want: `options.cap_policy: cap_policy is "` + strings.Repeat("x", 64) + `"... (1048576 bytes); it must be one of`},
	{fn: "max_pods", name: "absurd exponent in a string", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"max_eni": str("1e-99999999")})}, arg: "options",
		want: `options.max_eni: must be a whole number, got about 1e-99999999`},
	{fn: "max_pods", name: "string for a bool", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"custom_networking": str("yes")})}, arg: "options",
		want: `options.custom_networking: must be a bool, got the string "yes"`},
	{fn: "max_pods", name: "list for a string", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"os": strs()})}, arg: "options",
		want: `options.os: must be a string, got a tuple`},
	{fn: "max_pods", name: "max_eni 0", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"max_eni": num(0)})}, arg: "options",
		want: `options.max_eni: max_eni is 0; it must be at least 1`},
	{fn: "max_pods", name: "IPv6 with custom networking", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"ip_family": str("ipv6"), "custom_networking": boolean(true)})}, arg: "options",
		want: `options.custom_networking: custom_networking cannot be used with ip_family = "ipv6"`},
	{fn: "max_pods", name: "custom networking on Windows", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"os": str("windows"), "custom_networking": boolean(true)})}, arg: "options",
		want: `options.custom_networking: custom_networking cannot be used with os = "windows": EKS does not support custom networking on Windows nodes`},
	{fn: "max_pods", name: "security groups for pods on a type that cannot trunk", args: []attr.Value{str("t3.large")},
		options: []attr.Value{lit(attrs{"security_groups_for_pods": boolean(true)})}, arg: "options",
		want: `options.security_groups_for_pods: t3.large is not trunking compatible`},
	// Functions take no instance object: for a table type without a vCPU
	// count their errors give advice a function call can follow
	// (sizing.InputError.FunctionMsg), where the data sources say instance.vcpus.
	{fn: "max_pods", name: "unknown vCPUs under the default eks cap", args: []attr.Value{str("c7i.32xlarge")},
		want: `options.cap_policy: cap_policy "eks" needs the vCPU count, which is unknown for c7i.32xlarge; set cap_policy = "none" (with max_pods_limit for a cap of your own), or give vcpus in the instance object of the matching data source`},
	{fn: "max_pods", name: "unknown vCPUs with pods_per_core", args: []attr.Value{str("c7i.32xlarge")},
		options: []attr.Value{lit(attrs{"cap_policy": str("none"), "pods_per_core": num(10)})}, arg: "options",
		want: `options.pods_per_core: pods_per_core needs the vCPU count, which is unknown for c7i.32xlarge; remove pods_per_core (max_pods_limit caps max pods without it), or give vcpus in the instance object of the matching data source`},
	{fn: "node_ips", name: "unknown vCPUs under the default eks cap", args: []attr.Value{str("bmn-sf1.metal"), i64(10)},
		want: `options.cap_policy: cap_policy "eks" needs the vCPU count, which is unknown for bmn-sf1.metal; set cap_policy = "none" (with max_pods_limit for a cap of your own), or give vcpus in the instance object of the matching data source`},
	{fn: "subnet_max_nodes", name: "unknown vCPUs under the default eks cap", args: []attr.Value{str("10.0.0.0/24"), str("c5a.metal")},
		want: `options.cap_policy: cap_policy "eks" needs the vCPU count, which is unknown for c5a.metal; set cap_policy = "none" (with max_pods_limit for a cap of your own), or give vcpus in the instance object of the matching data source`},
	{fn: "max_pods", name: "Auto Mode: custom networking", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"launch_path": str("auto_mode"), "custom_networking": boolean(true)})}, arg: "options",
		want: `options.custom_networking: custom_networking cannot be used with launch_path = "auto_mode": EKS Auto Mode does not support "Custom Networking in the ENIConfig"`},
	{fn: "max_pods", name: "Auto Mode: size nano", args: []attr.Value{str("t3.nano")},
		options: []attr.Value{lit(attrs{"launch_path": str("auto_mode")})}, arg: "instance_type",
		want: `launch_path = "auto_mode": EKS Auto Mode does not launch t3.nano: it "will only create EC2 instances that meet the following requirements: [...] Instance size is not nano, micro or small"`},
	{fn: "max_pods", name: "unknown launch_path", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"launch_path": str("eks_auto")})}, arg: "options",
		want: `options.launch_path: launch_path is "eks_auto"; it must be one of "self_managed", "managed", "managed_custom_ami" or "auto_mode"`},
	{fn: "max_pods", name: "strict: cap_policy auto_mode is deprecated", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"cap_policy": str("auto_mode"), "strict": boolean(true)})}, arg: "options",
		want: `options.cap_policy: cap_policy = "auto_mode" is deprecated; use launch_path = "auto_mode": cap_policy = "auto_mode" now gives EKS Auto Mode's max pods, the lower of 110 and ENIs x (IPv4 per ENI - 1)`},
	// Where launch_path does not exist, the deprecation names the places
	// that have it; the addresses still follow prefix_delegation.
	{fn: "subnet_max_nodes", name: "strict: cap_policy auto_mode is deprecated, no launch_path here", args: []attr.Value{str("10.0.0.0/24"), str("m5.large")},
		options: []attr.Value{lit(attrs{"cap_policy": str("auto_mode"), "prefix_delegation": boolean(true), "strict": boolean(true)})}, arg: "options",
		want: `options.cap_policy: cap_policy = "auto_mode" is deprecated: cap_policy = "auto_mode" now gives EKS Auto Mode's max pods, the lower of 110 and ENIs x (IPv4 per ENI - 1) (EKS User Guide, "Considerations for EKS Auto Mode"): 27 for m5.large. It used to cap the VPC CNI arithmetic at 110 (29 for an m5.large). Pod addresses still follow prefix_delegation, so subnet use is that of secondary IPs or /28 prefixes as you set it. launch_path = "auto_mode" on ekssize_max_pods or provider::ekssize::max_pods, the only places that take it, is the supported way`},
	{fn: "max_pods", name: "strict: prefix_delegation has no effect on Auto Mode", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"launch_path": str("auto_mode"), "prefix_delegation": boolean(true), "strict": boolean(true)})}, arg: "options",
		want: `options.prefix_delegation: prefix_delegation is ignored on EKS Auto Mode: With launch_path = "auto_mode", the Auto Mode NodeClass decides how pods get addresses, /28 prefixes by default or secondary IPs with advancedNetworking.ipv4PrefixSize = "32"`},
	{fn: "kube_reserved", name: "Auto Mode has no user data", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"launch_path": str("auto_mode")})}, arg: "options",
		want: `options.launch_path: launch_path = "auto_mode" cannot be used here: kube-reserved, allocatable and the node configurations are for nodes whose user data you write`},
	{fn: "kube_reserved", name: "unknown vCPUs under the default eks cap", args: []attr.Value{str("c5ad.metal")}, arg: "instance_type",
		want: `the vCPU count of c5ad.metal is unknown to the embedded instance table, so kube-reserved CPU and allocatable cannot be computed; pick another type, or describe it with the instance object of the ekssize_node_config data source`},
	{fn: "kube_reserved", name: "unknown vCPUs with cap_policy none", args: []attr.Value{str("c7i.32xlarge")},
		options: []attr.Value{lit(attrs{"cap_policy": str("none")})}, arg: "instance_type",
		want: `the vCPU count of c7i.32xlarge is unknown to the embedded instance table, so kube-reserved CPU and allocatable cannot be computed; pick another type, or describe it with the instance object of the ekssize_node_config data source`},
	{fn: "max_pods", name: "strict: prefix delegation on a Xen type", args: []attr.Value{str("m4.large")},
		options: []attr.Value{lit(attrs{"prefix_delegation": boolean(true), "strict": boolean(true)})}, arg: "options",
		want: `options.prefix_delegation: Prefix delegation is not supported on this instance type: m4.large runs on the xen hypervisor ... (the ekssize_max_pods data source gives this as a warning; strict = true makes it an error)`},
	{fn: "max_pods", name: "strict: VPC CNI before 1.9 with prefix delegation", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"prefix_delegation": boolean(true), "cni_version": str("1.8.0"), "strict": boolean(true)})}, arg: "options",
		want: `options.cni_version: Prefix delegation needs VPC CNI 1.9.0 or later: cni_version is "1.8.0"`},
	{fn: "max_pods", name: "strict not a bool", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"strict": str("yes")})}, arg: "options",
		want: `options.strict: must be a bool, got the string "yes"`},
	{fn: "max_pods", name: "unknown mirror", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"mirror": str("script")})}, arg: "options",
		want: `options.mirror: mirror is "script"; it must be one of "vpc_cni" or "max_pods_calculator"`},
	{fn: "eni_max_pods", name: "misspelled type", args: []attr.Value{str("m5.lrage")}, arg: "instance_type",
		want: `instance type "m5.lrage" is not in the embedded instance table ... did you mean m5.large? Only types from the table are accepted here; for a newer type, describe it with the instance object of the ekssize_max_pods, ekssize_subnet_capacity or ekssize_node_config data source`},
	{fn: "instance_type", name: "misspelled type", args: []attr.Value{str("m5.larg")}, arg: "instance_type",
		want: `instance type "m5.larg" is not in the embedded instance table ... did you mean m5.large? Only types from the table are accepted here; for a newer type, describe it with the instance object of the ekssize_max_pods, ekssize_subnet_capacity or ekssize_node_config data source`},
	{fn: "subnet_usable_ips", name: "IPv6 CIDR", args: []attr.Value{str("2600:1f18:1234:5600::/64")}, arg: "cidr_block",
		want: `cidr_block "2600:1f18:1234:5600::/64" is an IPv6 CIDR`},
	{fn: "subnet_usable_ips", name: "host bits set", args: []attr.Value{str("10.0.0.1/24")}, arg: "cidr_block",
		want: `cidr_block "10.0.0.1/24" has bits set after the prefix length; did you mean "10.0.0.0/24"? A CIDR block starts at its network address`},
	{fn: "subnet_usable_ips", name: "malformed CIDR", args: []attr.Value{str("10.0.0.0/33")}, arg: "cidr_block",
		want: `cidr_block "10.0.0.0/33" is not a CIDR block`},
	{fn: "subnet_usable_ips", name: "/29 subnet", args: []attr.Value{str("10.0.0.0/29")}, arg: "cidr_block",
		want: `cidr_block "10.0.0.0/29" is a /29`},
	{fn: "subnet_usable_ips", name: "/15 subnet", args: []attr.Value{str("10.0.0.0/15")}, arg: "cidr_block",
		want: `cidr_block "10.0.0.0/15" is a /15`},
	{fn: "subnet_max_nodes", name: "reservation outside the subnet", args: []attr.Value{str("10.0.0.0/24"), str("m5.large")},
		options: []attr.Value{lit(attrs{"prefix_reservations": strs("10.0.1.0/28")})}, arg: "options",
		want: `options.prefix_reservations[0]: prefix_reservations[0] "10.0.1.0/28" is not inside the subnet 10.0.0.0/24`},
	{fn: "subnet_max_nodes", name: "overlapping reservations", args: []attr.Value{str("10.0.0.0/24"), str("m5.large")},
		options: []attr.Value{lit(attrs{"prefix_reservations": strs("10.0.0.0/25", "10.0.0.64/26")})}, arg: "options",
		want: `options.prefix_reservations[1]: prefix_reservations[1] "10.0.0.64/26" overlaps prefix_reservations[0] "10.0.0.0/25"`},
	{fn: "subnet_max_nodes", name: "string for a list", args: []attr.Value{str("10.0.0.0/24"), str("m5.large")},
		options: []attr.Value{lit(attrs{"prefix_reservations": str("10.0.0.0/28")})}, arg: "options",
		want: `options.prefix_reservations: must be a list, got a string`},
	{fn: "subnet_max_nodes", name: "unknown nested attribute", args: []attr.Value{str("10.0.0.0/24"), str("m5.large")},
		options: []attr.Value{lit(attrs{"reserved": lit(attrs{"albs": num(2)})})}, arg: "options",
		want: `options.reserved: unknown attribute "albs"; valid attributes are application_load_balancers, fargate_pods,`},
	{fn: "subnet_max_nodes", name: "wrong nested type", args: []attr.Value{str("10.0.0.0/24"), str("m5.large")},
		options: []attr.Value{lit(attrs{"reserved": lit(attrs{"network_load_balancers": boolean(true)})})}, arg: "options",
		want: `options.reserved.network_load_balancers: must be a whole number, got a bool`},
	{fn: "subnet_max_nodes", name: "string for an object", args: []attr.Value{str("10.0.0.0/24"), str("m5.large")},
		options: []attr.Value{lit(attrs{"reserved": str("none")})}, arg: "options",
		want: `options.reserved: must be an object, got a string`},
	{fn: "subnet_max_nodes", name: "custom networking without a pod subnet", args: []attr.Value{str("10.0.0.0/24"), str("m5.large")},
		options: []attr.Value{lit(attrs{"custom_networking": boolean(true)})}, arg: "options",
		want: `options.pod_subnets: custom_networking is on, so pods take their addresses from the ENIConfig subnets`},
	{fn: "subnet_max_nodes", name: "IPv6 pod subnet", args: []attr.Value{str("10.0.0.0/24"), str("m5.large")},
		options: []attr.Value{lit(attrs{"custom_networking": boolean(true), "pod_subnets": tuple(subnet("2600::/64"))})}, arg: "options",
		want: `options.pod_subnets[0].cidr_block: pod_subnets[0].cidr_block "2600::/64" is an IPv6 CIDR`},
	{fn: "subnet_max_nodes", name: "/15 subnet", args: []attr.Value{str("10.0.0.0/15"), str("m5.large")}, arg: "cidr_block",
		want: `cidr_block "10.0.0.0/15" is a /15`},
	{fn: "subnet_max_nodes", name: "branch pods on a type that cannot trunk", args: []attr.Value{str("10.0.0.0/24"), str("t3.large")},
		options: []attr.Value{lit(attrs{"security_groups_for_pods": boolean(true), "branch_pods_per_node": num(2)})}, arg: "options",
		want: `options.branch_pods_per_node: branch_pods_per_node is 2, but t3.large is not trunking compatible`},
	{fn: "subnet_max_nodes", name: "strict: reservations leave no room", args: []attr.Value{str("10.0.0.0/28"), str("m5.large")},
		options: []attr.Value{lit(attrs{"reserved": lit(attrs{"application_load_balancers": num(2)}), "strict": boolean(true)})}, arg: "cidr_block",
		want: `Subnet is short of IPs: The node subnet 10.0.0.0/28 is 5 IPs short: it needs ... strict = true makes it an error`},
	{fn: "node_ips", name: "strict: warm ENI target with prefix delegation", args: []attr.Value{str("m5.large"), i64(10)},
		options: []attr.Value{lit(attrs{"prefix_delegation": boolean(true), "warm_eni_target": num(2), "strict": boolean(true)})}, arg: "options",
		want: `options.warm_eni_target: warm_eni_target has no effect here: With prefix delegation ipamd keeps WARM_PREFIX_TARGET spare prefixes and ignores WARM_ENI_TARGET. (the ekssize_subnet_capacity data source gives this as a warning; strict = true makes it an error)`},
	{fn: "node_ips", name: "negative pods", args: []attr.Value{str("m5.large"), i64(-1)}, arg: "pods_per_node",
		want: `pods_per_node is -1; it must be 0 or more`},
	{fn: "node_ips", name: "pods beyond max pods", args: []attr.Value{str("m5.large"), i64(40)}, arg: "pods_per_node",
		want: `pods_per_node is 40, more than max_pods 29`},
	{fn: "node_ips", name: "fractional pods", args: []attr.Value{str("m5.large"), numf(1.5)}, arg: "pods_per_node",
		want: `pods_per_node: must be a whole number, got 1.5`},
	{fn: "node_ips", name: "pods beyond the internal bound, as typed", args: []attr.Value{str("m5.large"), num(2000000000000)}, arg: "pods_per_node",
		want: `pods_per_node: more than any value this provider takes (whole numbers up to 1099511627776), got 2000000000000`},
	{fn: "node_ips", name: "negative warm IP target", args: []attr.Value{str("m5.large"), i64(10)},
		options: []attr.Value{lit(attrs{"warm_ip_target": num(-1)})}, arg: "options",
		want: `options.warm_ip_target: warm_ip_target is -1`},
	{fn: "node_ips", name: "Windows pods past the secondary-IP capacity", args: []attr.Value{str("m5.large"), i64(12)},
		options: []attr.Value{lit(attrs{"os": str("windows"), "max_pods": num(20)})}, arg: "pods_per_node",
		want: `pods_per_node is 12, but the VPC resource controller gives a Windows m5.large at most 9 secondary IPs on the primary ENI (IPv4 per ENI 10 - 1), its vpc.amazonaws.com/PrivateIPv4Address capacity, so pod number 10 on a node is never scheduled; lower pods_per_node or enable prefix_delegation`},
	{fn: "node_ips", name: "Windows minimum IP target without a warm IP target", args: []attr.Value{str("m5.xlarge"), i64(12)},
		options: []attr.Value{lit(attrs{"os": str("windows"), "minimum_ip_target": num(10)})}, arg: "options",
		want: `options.minimum_ip_target: minimum_ip_target = 10 without warm_ip_target freezes each Windows node at 10 IPs`},
	{fn: "node_ips", name: "Windows with reserved ENIs", args: []attr.Value{str("m5.large"), i64(5)},
		options: []attr.Value{lit(attrs{"os": str("windows"), "reserved_enis": num(1)})}, arg: "options",
		want: `options.reserved_enis: reserved_enis does not apply to os = "windows"`},
	{fn: "node_ips", name: "option of another function", args: []attr.Value{str("m5.large"), i64(10)},
		options: []attr.Value{lit(attrs{"pod_subnets": tuple()})}, arg: "options",
		want: `unknown option "pod_subnets"; valid keys are`},
	{fn: "kube_reserved", name: "malformed CPU quantity", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"kube_reserved": lit(attrs{"cpu": str("lots")})})}, arg: "options",
		want: `options.kube_reserved.cpu: kube_reserved.cpu is "lots", which is not a Kubernetes CPU quantity`},
	{fn: "kube_reserved", name: "memory with a B", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"kube_reserved": lit(attrs{"memory": str("1GB")})})}, arg: "options",
		want: `options.kube_reserved.memory: kube_reserved.memory is "1GB": Kubernetes writes units without "B"`},
	{fn: "kube_reserved", name: "unknown kube_reserved_basis", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"kube_reserved_basis": str("pods")})}, arg: "options",
		want: `options.kube_reserved_basis: kube_reserved_basis is "pods"; it must be one of "max_pods" or "eni"`},
	{fn: "kube_reserved", name: "bool for a whole number", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"max_pods": boolean(true)})}, arg: "options",
		want: `options.max_pods: must be a whole number, got a bool`},
	{fn: "kube_reserved", name: "option of the data source only", args: []attr.Value{str("m5.large")},
		options: []attr.Value{lit(attrs{"eviction_hard": lit(nil)})}, arg: "options",
		want: `unknown option "eviction_hard"; valid keys are`},

	// provider::ekssize::nodeadm_max_pods
	{fn: "nodeadm_max_pods", name: "misspelled type", args: []attr.Value{str("m5.lrage"), str("max_pods")}, arg: "instance_type",
		want: `instance type "m5.lrage" is not in the embedded instance table ... did you mean m5.large?`},
	{fn: "nodeadm_max_pods", name: "Windows", args: []attr.Value{str("m5.large"), str("max_pods")},
		options: []attr.Value{lit(attrs{"os": str("windows")})}, arg: "options",
		want: `options.os: os = "windows" cannot be used with nodeadm: nodeadm is the Amazon Linux 2023 node bootstrapper; use os = "linux"`},
	{fn: "nodeadm_max_pods", name: "prefix delegation on a Xen type", args: []attr.Value{str("t2.medium"), str("(max_pods - 2) * 16 + 2")},
		options: []attr.Value{lit(attrs{"prefix_delegation": boolean(true), "strict": boolean(true)})}, arg: "options",
		want: `options.prefix_delegation: Prefix delegation is not supported on this instance type: t2.medium runs on the xen hypervisor`},
	{fn: "nodeadm_max_pods", name: "expression too expensive to evaluate", args: []attr.Value{str("m5.large"), str("[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19].map(a, [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19].map(b, [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19].map(c, [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19].map(d, [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19].map(e, a+b+c+d+e))))).size()")}, arg: "expression",
		want: `max_pods_expression could not be evaluated on m5.large: evaluating the expression was stopped after a CEL cost of 1000000`},
	{fn: "nodeadm_max_pods", name: "expression not a string", cliOnly: true, args: []attr.Value{str("m5.large"), strs("max_pods")}, arg: "expression",
		want: `string required`},

	// ekssize_max_pods_expression
	{ds: "max_pods_expression", name: "misspelled type in the list",
		attrs: attrs{"instance_types": strs("m5.large", "m5.lrage")}, line: `"m5.lrage",`, path: "instance_types[1]",
		want: `instance type "m5.lrage" is not in the embedded instance table ... did you mean m5.large?`},
	{ds: "max_pods_expression", name: "EKS caps differ on the same nodeadm variables",
		attrs: attrs{"instance_types": strs("m5.large", "m5.4xlarge", "m5.8xlarge"), "prefix_delegation": boolean(true)},
		line:  `"m5.8xlarge",`, path: "instance_types[2]",
		want: `no maxPodsExpression can give m5.4xlarge and m5.8xlarge their max pods: nodeadm gives both the same variables (default_enis = 8, ips_per_eni = 30, max_pods = 234), but this provider's max pods is 110 for m5.4xlarge`},
	{ds: "max_pods_expression", name: "prefix delegation on Xen and Nitro types",
		attrs: attrs{"instance_types": strs("c4.large", "m5.large"), "prefix_delegation": boolean(true)},
		line:  `"m5.large",`, path: "instance_types[1]",
		want: `no maxPodsExpression can give c4.large and m5.large their max pods`},
	{ds: "max_pods_expression", name: "nodeadm data differ from the VPC CNI's",
		attrs: attrs{"instance_types": strs("c5.24xlarge", "i7ie.48xlarge"), "cap_policy": str("none")},
		line:  `"i7ie.48xlarge",`, path: "instance_types[1]",
		want: `no maxPodsExpression can give c5.24xlarge and i7ie.48xlarge their max pods`},
	{ds: "max_pods_expression", name: "type listed twice",
		attrs: attrs{"instance_types": strs("m5.large", "m5.large")}, line: `"m5.large",`, path: "instance_types[1]",
		want: `instance_types[1] is "m5.large", which is also instance_types[0]; list each instance type once`},
	{ds: "max_pods_expression", name: "empty list",
		attrs: attrs{"instance_types": strs()}, line: `instance_types = []`, path: "instance_types",
		want: `instance_types is empty; give the instance types the NodeConfig is shared by`},
	{ds: "max_pods_expression", name: "Windows",
		attrs: attrs{"instance_types": strs("m5.large"), "os": str("windows")}, line: `os = "windows"`, path: "os",
		want: `os = "windows" cannot be used with nodeadm`},

	// provider::ekssize::max_pods_expression
	{fn: "max_pods_expression", name: "misspelled type", args: []attr.Value{strList("m5.lrage")}, arg: "instance_types",
		want: `instance type "m5.lrage" is not in the embedded instance table ... did you mean m5.large?`},
	{fn: "max_pods_expression", name: "EKS caps differ", args: []attr.Value{strList("m5.4xlarge", "m5.8xlarge")},
		options: []attr.Value{lit(attrs{"prefix_delegation": boolean(true)})}, arg: "instance_types",
		want: `no maxPodsExpression can give m5.4xlarge and m5.8xlarge their max pods`},
	{fn: "max_pods_expression", name: "null list", cliOnly: true, args: []attr.Value{types.ListNull(types.StringType)}, arg: "instance_types",
		want: `argument must not be null`},

	// ekssize_node_config max_pods_expression
	{ds: "node_config", name: "max_pods_expression with max_pods",
		attrs: with(m5large, attrs{"max_pods_expression": str("max_pods"), "max_pods": num(20)}), line: `max_pods_expression = "max_pods"`, path: "max_pods_expression",
		want: `give max_pods or max_pods_expression, not both: nodeadm lets a maxPods in the kubelet config win over maxPodsExpression`},
	{ds: "node_config", name: "max_pods_expression on AL2",
		attrs: with(m5large, attrs{"max_pods_expression": str("max_pods"), "ami_family": str("al2")}), line: `max_pods_expression = "max_pods"`, path: "max_pods_expression",
		want: `max_pods_expression is read by nodeadm, the Amazon Linux 2023 bootstrapper, but ami_family is "al2"`},
	{ds: "node_config", name: "empty max_pods_expression",
		attrs: with(m5large, attrs{"max_pods_expression": str("")}), line: `max_pods_expression = ""`, path: "max_pods_expression",
		want: `max_pods_expression is empty; give a CEL expression over default_enis, ips_per_eni and max_pods`},
	{ds: "node_config", name: "max_pods_expression with kube_reserved_basis eni",
		attrs: with(m5large, attrs{"max_pods_expression": str("max_pods"), "kube_reserved_basis": str("eni")}), line: `max_pods_expression = "max_pods"`, path: "max_pods_expression",
		want: `kube_reserved_basis = "eni" cannot be used with max_pods_expression`},
}

// textPattern turns a case's want into a regular expression (see badInput.want).
func textPattern(want string) string {
	parts := strings.Split(want, " ... ")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
	}
	return strings.Join(parts, `(?s:.*?)`)
}

// hclValue writes v as an HCL expression. With multiline, objects, maps and
// lists of more than one element put each element on its own line, so that
// Terraform's source line for a diagnostic on an element is that element.
func hclValue(v attr.Value, multiline bool, indent string) string {
	if v.IsNull() {
		return "null"
	}
	if v.IsUnknown() {
		return "(known after apply)"
	}
	if dv, ok := v.(basetypes.DynamicValue); ok {
		return hclValue(dv.UnderlyingValue(), multiline, indent)
	}
	switch x := v.(type) {
	case basetypes.StringValue:
		return strconv.Quote(x.ValueString())
	case basetypes.BoolValue:
		return strconv.FormatBool(x.ValueBool())
	case basetypes.Int64Value:
		return strconv.FormatInt(x.ValueInt64(), 10)
	case basetypes.NumberValue:
		return x.ValueBigFloat().Text('f', -1)
	case basetypes.Float64Value:
		return strconv.FormatFloat(x.ValueFloat64(), 'f', -1, 64)
	case basetypes.ObjectValue, basetypes.MapValue:
		elems, _ := elementsOf(x)
		return hclObject(elems, multiline, indent)
	case basetypes.TupleValue:
		return hclList(x.Elements(), multiline, indent)
	case basetypes.ListValue:
		return hclList(x.Elements(), multiline, indent)
	}
	panic(fmt.Sprintf("hclValue: %T", v))
}

// hclObject writes an object or map literal (see hclValue).
func hclObject(elems map[string]attr.Value, multiline bool, indent string) string {
	keys := slices.Sorted(maps.Keys(elems))
	if len(keys) == 0 {
		return "{}"
	}
	inner := indent + "  "
	items := make([]string, len(keys))
	for i, k := range keys {
		name := k
		if !regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`).MatchString(k) {
			name = strconv.Quote(k)
		}
		items[i] = name + " = " + hclValue(elems[k], multiline, inner)
	}
	if !multiline {
		return "{ " + strings.Join(items, ", ") + " }"
	}
	return "{\n" + inner + strings.Join(items, "\n"+inner) + "\n" + indent + "}"
}

// hclList writes a tuple or list literal (see hclValue).
func hclList(elems []attr.Value, multiline bool, indent string) string {
	inner := indent + "  "
	items := make([]string, len(elems))
	nested := false
	for i, e := range elems {
		items[i] = hclValue(e, multiline, inner)
		_, isObj := e.(basetypes.ObjectValue)
		nested = nested || isObj
	}
	if !multiline || (len(elems) < 2 && !nested) {
		return "[" + strings.Join(items, ", ") + "]"
	}
	return "[\n" + inner + strings.Join(items, ",\n"+inner) + ",\n" + indent + "]"
}

// config is the case's Terraform configuration.
func (c badInput) config() string {
	if c.ds != "" {
		var b strings.Builder
		fmt.Fprintf(&b, "data \"ekssize_%s\" \"x\" {\n", c.ds)
		for _, k := range slices.Sorted(maps.Keys(c.attrs)) {
			if badInputBlocks[c.ds][k] {
				writeBlocks(&b, k, c.attrs[k])
				continue
			}
			fmt.Fprintf(&b, "  %s = %s\n", k, hclValue(c.attrs[k], true, "  "))
		}
		b.WriteString("}\n")
		return b.String()
	}
	return "output \"x\" {\n  value = " + c.call() + "\n}\n"
}

// badInputBlocks names the nested blocks of a data source: a case gives each
// as a tuple of objects, written as one block per object.
var badInputBlocks = map[string]map[string]bool{}

func writeBlocks(b *strings.Builder, name string, v attr.Value) {
	elems := []attr.Value{v} // a single block: one object
	if t, ok := v.(basetypes.TupleValue); ok {
		elems = t.Elements()
	}
	for _, e := range elems {
		fmt.Fprintf(b, "  %s {\n", name)
		o := e.(basetypes.ObjectValue).Attributes()
		for _, k := range slices.Sorted(maps.Keys(o)) {
			fmt.Fprintf(b, "    %s = %s\n", k, hclValue(o[k], false, "    "))
		}
		b.WriteString("  }\n")
	}
}

func (c badInput) call() string {
	args := make([]string, 0, len(c.args)+len(c.options))
	for _, a := range append(slices.Clone(c.args), c.options...) {
		args = append(args, hclValue(a, false, ""))
	}
	return "provider::ekssize::" + c.fn + "(" + strings.Join(args, ", ") + ")"
}

// expectError is what Terraform must print: the source line the diagnostic
// points at, then (after Terraform's expression details for functions) the
// message.
func (c badInput) expectError() *regexp.Regexp {
	var snippet, message string
	if c.ds != "" {
		line := c.line
		if line == "" {
			line = fmt.Sprintf("data %q \"x\" {", "ekssize_"+c.ds)
		}
		snippet = fmt.Sprintf(`on terraform_plugin_test\.tf line \d+, in data "ekssize_%s" "x":\n\s*\d+:[ \t]*%s[ \t]*\n(?:[ \t]*\d+:[^\n]*\n)*`,
			c.ds, regexp.QuoteMeta(line))
		message = textPattern(c.want)
	} else {
		snippet = `on terraform_plugin_test\.tf line \d+, in output "x":\n\s*\d+:[ \t]*value = ` + regexp.QuoteMeta(c.call()) +
			`\n(?:[ \t]*[├│][^\n]*\n)*`
		if c.arg != "" {
			message = textPattern(fmt.Sprintf("Invalid value for %q parameter: ", c.arg)) + textPattern(c.want)
		} else {
			message = textPattern(fmt.Sprintf("Call to function %q failed: ", "provider::ekssize::"+c.fn)) + textPattern(c.want)
		}
	}
	return regexp.MustCompile(snippet + `[ \t]*\n` + message)
}

func (c badInput) group() string {
	if c.ds != "" {
		return "ekssize_" + c.ds
	}
	return c.fn + "()"
}

// TestAccBadInput runs every bad-input case through the Terraform CLI, one
// test case per data source or function (the cases are its steps).
func TestAccBadInput(t *testing.T) {
	t.Parallel()
	var groups []string
	steps := map[string][]resource.TestStep{}
	for _, c := range badInputs {
		g := c.group()
		if steps[g] == nil {
			groups = append(groups, g)
		}
		steps[g] = append(steps[g], resource.TestStep{Config: c.config(), ExpectError: c.expectError()})
	}
	for _, g := range groups {
		t.Run(g, func(t *testing.T) {
			t.Parallel()
			tc := resource.TestCase{ProtoV6ProviderFactories: testProviderFactories, Steps: steps[g]}
			if strings.HasSuffix(g, "()") {
				tc.TerraformVersionChecks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)}
			}
			acceptanceTest(t, tc)
		})
	}
}

var badInputDataSources = map[string]func() datasource.DataSource{
	"instance_type":       NewInstanceTypeDataSource,
	"max_pods":            NewMaxPodsDataSource,
	"subnet_capacity":     NewSubnetCapacityDataSource,
	"node_config":         NewNodeConfigDataSource,
	"max_pods_expression": NewMaxPodsExpressionDataSource,
}

var badInputFunctions = map[string]func() function.Function{
	"max_pods":            NewMaxPodsFunction,
	"eni_max_pods":        NewENIMaxPodsFunction,
	"instance_type":       NewInstanceTypeFunction,
	"subnet_usable_ips":   NewSubnetUsableIPsFunction,
	"subnet_max_nodes":    NewSubnetMaxNodesFunction,
	"node_ips":            NewNodeIPsFunction,
	"kube_reserved":       NewKubeReservedFunction,
	"nodeadm_max_pods":    NewNodeadmMaxPodsFunction,
	"max_pods_expression": NewMaxPodsExpressionFunction,
}

// TestBadInputDirect calls each data source's Read and each function's Run
// with the case's values and checks the diagnostic's exact attribute path (or
// the function argument's index) and text.
func TestBadInputDirect(t *testing.T) {
	for _, c := range badInputs {
		if c.cliOnly {
			continue
		}
		t.Run(c.group()+"/"+c.name, func(t *testing.T) {
			want := regexp.MustCompile("^" + textPattern(c.want))
			if c.ds != "" {
				_, diags := readDataSource(t, badInputDataSources[c.ds](), c.attrs)
				for _, d := range diags {
					dp, ok := d.(diag.DiagnosticWithPath)
					if ok && d.Severity() == diag.SeverityError && dp.Path().String() == c.path && want.MatchString(d.Detail()) {
						return
					}
				}
				t.Errorf("no error on %s matching %q; diagnostics:\n%s", c.path, c.want, describeDiags(diags))
				return
			}
			f := badInputFunctions[c.fn]()
			var def function.DefinitionResponse
			f.Definition(context.Background(), function.DefinitionRequest{}, &def)
			variadic := make([]attr.Value, len(c.options))
			for i, o := range c.options {
				variadic[i] = types.DynamicValue(o)
			}
			args := slices.Clone(c.args)
			for i, p := range def.Definition.Parameters {
				if _, dynamic := p.(function.DynamicParameter); dynamic && i < len(args) {
					args[i] = types.DynamicValue(args[i]) // as the framework passes a dynamic argument
				}
			}
			_, ferr := callFunction(t, f, args, variadic...)
			if ferr == nil {
				t.Fatalf("no error; want %q", c.want)
			}
			var gotArg string
			if a := ferr.FunctionArgument; a != nil {
				gotArg = optionsParamName
				if int(*a) < len(def.Definition.Parameters) {
					gotArg = def.Definition.Parameters[*a].GetName()
				}
			}
			if gotArg != c.arg || !want.MatchString(ferr.Text) {
				t.Errorf("error on argument %q: %q; want argument %q and text %q", gotArg, ferr.Text, c.arg, c.want)
			}
			// Terraform ends a function error with its own full stop: a text ending in "?" or "." reads "?." or "..".
			if strings.HasSuffix(ferr.Text, "?") || strings.HasSuffix(ferr.Text, ".") {
				t.Errorf("function error text ends in %q, and Terraform appends a full stop: %q", ferr.Text[len(ferr.Text)-1:], ferr.Text)
			}
		})
	}
}

func describeDiags(diags diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		p := "(no path)"
		if dp, ok := d.(diag.DiagnosticWithPath); ok {
			p = dp.Path().String()
		}
		fmt.Fprintf(&b, "  %s on %s: %s: %s\n", d.Severity(), p, d.Summary(), d.Detail())
	}
	return b.String()
}

// TestBadInputTable keeps the table honest: enough cases, every data source
// and function covered, and every case complete.
func TestBadInputTable(t *testing.T) {
	if len(badInputs) < 40 {
		t.Errorf("%d bad-input cases; the table should have at least 40", len(badInputs))
	}
	covered := map[string]bool{}
	names := map[string]bool{}
	for _, c := range badInputs {
		covered[c.group()] = true
		if names[c.group()+"/"+c.name] {
			t.Errorf("duplicate case %s/%s", c.group(), c.name)
		}
		names[c.group()+"/"+c.name] = true
		if (c.ds == "") == (c.fn == "") || c.want == "" {
			t.Errorf("%s: give exactly one of ds and fn, and want", c.name)
		}
		if c.ds != "" && !c.cliOnly && c.path == "" {
			t.Errorf("%s: a data source case needs the diagnostic's path", c.name)
		}
	}
	for name := range badInputDataSources {
		if !covered["ekssize_"+name] {
			t.Errorf("no bad-input case for data source ekssize_%s", name)
		}
	}
	for name := range badInputFunctions {
		if !covered[name+"()"] {
			t.Errorf("no bad-input case for function %s", name)
		}
	}
	// Every data source and function of the provider is in the maps above.
	p := New("test")()
	if n := len(p.DataSources(context.Background())); n != len(badInputDataSources) {
		t.Errorf("the provider has %d data sources, the table knows %d", n, len(badInputDataSources))
	}
	if pf, ok := p.(interface {
		Functions(context.Context) []func() function.Function
	}); ok {
		if n := len(pf.Functions(context.Background())); n != len(badInputFunctions) {
			t.Errorf("the provider has %d functions, the table knows %d", n, len(badInputFunctions))
		}
	}
}
