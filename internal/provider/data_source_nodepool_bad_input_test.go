package provider

// The ekssize_nodepool cases of the bad-input table (bad_input_test.go).

var nodePoolBadInputs = []badInput{
	{ds: "nodepool", name: "misspelt type", attrs: attrs{"instance_types": strs("m5.large", "m5.larg")},
		line: `"m5.larg",`, path: "instance_types[1]",
		want: `instance_types[1]: instance type "m5.larg" is not in the embedded instance table ... did you mean m5.large?`},
	{ds: "nodepool", name: "type twice", attrs: attrs{"instance_types": strs("m5.large", "m5.large")},
		line: `"m5.large",`, path: "instance_types[1]",
		want: `instance_types[1] "m5.large" is listed twice; list each instance type once`},
	{ds: "nodepool", name: "empty instance_types", attrs: attrs{"instance_types": strs()},
		line: `instance_types = []`, path: "instance_types",
		want: `instance_types is empty; list the NodePool's candidate types, or leave it unset`},
	{ds: "nodepool", name: "requirements match nothing", attrs: attrs{"instance_families": strs("m5"), "min_vcpus": num(1000)},
		path: "instance_types",
		want: `no type of the table meets the requirements (instance_families, instance_sizes, architectures, min_vcpus, min_memory_mib, exclude_instance_types); loosen them`},
	{ds: "nodepool", name: "EC2 architecture name", attrs: attrs{"architectures": strs("x86_64")},
		line: `architectures = ["x86_64"]`, path: "architectures[0]",
		want: `architectures[0] is "x86_64"; use the kubernetes.io/arch values "amd64" or "arm64"`},
	{ds: "nodepool", name: "AL2 family", attrs: attrs{"instance_types": strs("m5.large"), "ami_family": str("al2")},
		line: `ami_family = "al2"`, path: "ami_family",
		want: `ami_family is "al2"`},
	{ds: "nodepool", name: "cap policy spelling", attrs: attrs{"instance_types": strs("m5.large"), "cap_policy": str("EKS")},
		line: `cap_policy = "EKS"`, path: "cap_policy",
		want: `cap_policy is "EKS"`},
	{ds: "nodepool", name: "bad DaemonSet request",
		attrs: attrs{"instance_types": strs("m5.large"), "daemonset": tuple(lit(attrs{"cpu_request": str("lots")}))},
		line:  `cpu_request = "lots"`, path: "daemonset[0].cpu_request",
		want: `daemonset[0].cpu_request is "lots", which is not a Kubernetes CPU quantity`},
	{ds: "nodepool", name: "misspelt DaemonSet argument", cliOnly: true,
		attrs: attrs{"instance_types": strs("m5.large"), "daemonset": tuple(lit(attrs{"cpu_requests": str("1")}))},
		line:  `cpu_requests = "1"`,
		want:  `An argument named "cpu_requests" is not expected here. Did you mean "cpu_request"?`},
	{ds: "nodepool", name: "bad largest pod", attrs: attrs{"instance_types": strs("m5.large"), "largest_pod_memory_request": str("4GB")},
		line: `largest_pod_memory_request = "4GB"`, path: "largest_pod_memory_request",
		want: `largest_pod_memory_request is "4GB": Kubernetes writes units without "B"`},
}

func init() {
	badInputs = append(badInputs, nodePoolBadInputs...)
	badInputDataSources["nodepool"] = NewNodePoolDataSource
	badInputBlocks["nodepool"] = map[string]bool{"daemonset": true}
}
