package provider

// The ekssize_node_config batch-form cases of the bad-input table.

var nodeConfigBatchBadInputs = []badInput{
	{ds: "node_config", name: "batch with instance_type", attrs: attrs{"instance_types": strs("m5.large"), "instance_type": str("m5.large")},
		line: `instance_types = ["m5.large"]`, path: "instance_types",
		want: `give only one of instance_type, instance or instance_types: instance_types is the batch form of instance_type`},
	{ds: "node_config", name: "batch with cluster",
		attrs: attrs{"instance_types": strs("m5.large"), "cluster": lit(attrs{"name": str("c"), "api_server_endpoint": str("https://example.com"),
			"certificate_authority": str("Y2E="), "service_cidr": str("10.100.0.0/16")})},
		line: `cluster = {`, path: "cluster",
		want: `cluster renders the NodeConfig of one node, so it cannot go with instance_types; for one NodeConfig over several types use ekssize_max_pods_expression`},
	{ds: "node_config", name: "batch empty", attrs: attrs{"instance_types": strs()},
		line: `instance_types = []`, path: "instance_types", want: `instance_types is empty; give at least one instance type`},
	{ds: "node_config", name: "batch misspelt type", attrs: attrs{"instance_types": strs("m5.larg")},
		line: `instance_types = ["m5.larg"]`, path: "instance_types[0]",
		want: `instance type "m5.larg" is not in the embedded instance table`},
	{ds: "node_config", name: "batch type without vCPUs", attrs: attrs{"instance_types": strs("c5a.metal")},
		path: "instance_types[0]", line: `instance_types = ["c5a.metal"]`,
		want: `c5a.metal: the vCPU count of c5a.metal is unknown to the embedded instance table, so kube-reserved CPU and allocatable cannot be computed`},
}

func init() {
	badInputs = append(badInputs, nodeConfigBatchBadInputs...)
}
