package provider

import "github.com/hashicorp/terraform-plugin-framework/attr"

// The ekssize_vpc_cni_configuration and vpc_cni_configuration cases of the
// bad-input table (bad_input_test.go).

var vpcCNIConfigurationBadInputs = []badInput{
	{ds: "vpc_cni_configuration", name: "cap policy spelling", attrs: attrs{"cap_policy": str("EKS")},
		line: `cap_policy = "EKS"`, path: "cap_policy", want: `cap_policy is "EKS"`},
	{ds: "vpc_cni_configuration", name: "custom networking with IPv6", attrs: attrs{"custom_networking": boolean(true), "ip_family": str("ipv6")},
		line: `custom_networking = true`, path: "custom_networking",
		want: `custom_networking cannot be used with ip_family = "ipv6"`},
	{ds: "vpc_cni_configuration", name: "negative warm prefix target", attrs: attrs{"warm_prefix_target": num(-1)},
		line: `warm_prefix_target = -1`, path: "warm_prefix_target", want: `warm_prefix_target is -1`},
	{ds: "vpc_cni_configuration", name: "Windows", attrs: attrs{"os": str("windows"), "prefix_delegation": boolean(true)},
		line: `os = "windows"`, path: "os",
		want: `os = "windows" has no vpc-cni add-on configuration: the add-on's env configures the aws-node DaemonSet, which runs on Linux nodes only`},
	{fn: "vpc_cni_configuration", name: "Windows", options: []attr.Value{lit(attrs{"os": str("windows")})}, arg: "options",
		want: `options.os: os = "windows" has no vpc-cni add-on configuration`},
	{fn: "vpc_cni_configuration", name: "misspelt option", options: []attr.Value{lit(attrs{"prefix_delegaton": boolean(true)})}, arg: "options",
		want: `unknown option "prefix_delegaton" (did you mean "prefix_delegation"?)`},
	{fn: "vpc_cni_configuration", name: "zero max_eni", options: []attr.Value{lit(attrs{"max_eni": num(0)})}, arg: "options",
		want: `options.max_eni: max_eni is 0; it must be at least 1`},
}

func init() {
	badInputs = append(badInputs, vpcCNIConfigurationBadInputs...)
	badInputDataSources["vpc_cni_configuration"] = NewVPCCNIConfigurationDataSource
	badInputFunctions["vpc_cni_configuration"] = NewVPCCNIConfigurationFunction
}
