package provider

import "github.com/hashicorp/terraform-plugin-framework/attr"

// The ekssize_cluster_ip_plan cases of the bad-input table (bad_input_test.go).
// Its subnets, node groups and NodePools are blocks, so Terraform points at
// the very argument inside a block, and rejects a misspelt argument itself.

func planSubnetBlock(name, az, cidr string) attr.Value {
	return lit(attrs{"name": str(name), "availability_zone": str(az), "cidr_block": str(cidr)})
}

func planNodeGroupBlock(name string, types ...string) attr.Value {
	return lit(attrs{"name": str(name), "instance_types": strs(types...), "max_size": num(3)})
}

var (
	planOneSubnet = attrs{"subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/24"))}
	planTwoZones  = attrs{"subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/24"), planSubnetBlock("b", "eu-west-1b", "10.0.1.0/24"))}
)

var clusterIPPlanBadInputs = []badInput{
	{ds: "cluster_ip_plan", name: "no subnet blocks", attrs: attrs{"prefix_layout": str("packed")}, path: "subnet",
		want: `no subnet blocks; give at least one subnet block with its name, availability_zone and cidr_block`},
	{ds: "cluster_ip_plan", name: "misspelt block argument", cliOnly: true,
		attrs: attrs{"subnet": tuple(lit(attrs{"name": str("a"), "availability_zone": str("eu-west-1a"), "cidr_block": str("10.0.0.0/24"),
			"application_loadbalancers": num(1)}))},
		line: `application_loadbalancers = 1`,
		want: `An argument named "application_loadbalancers" is not expected here. Did you mean "application_load_balancers"?`},
	{ds: "cluster_ip_plan", name: "argument of a node group on a NodePool", cliOnly: true,
		attrs: with(planOneSubnet, attrs{"node_pool": tuple(lit(attrs{"name": str("p"), "instance_types": strs("m5.large"),
			"node_limit": num(3), "max_size": num(3)}))}),
		line: `max_size = 3`, want: `An argument named "max_size" is not expected here.`},
	{ds: "cluster_ip_plan", name: "subnet without a zone", cliOnly: true,
		attrs: attrs{"subnet": tuple(lit(attrs{"name": str("a"), "cidr_block": str("10.0.0.0/24")}))},
		line:  `subnet {`, want: `The argument "availability_zone" is required, but no definition was found.`},
	{ds: "cluster_ip_plan", name: "empty group os",
		attrs: with(planOneSubnet, attrs{"node_group": tuple(lit(attrs{"name": str("g"), "instance_types": strs("m5.large"), "max_size": num(3), "os": str("")}))}),
		line:  `os = ""`, path: "node_group[0].os",
		want: `node_group[0].os is ""; an empty string is not one of its values: leave node_group[0].os out (or null) for its default, or give a value`},
	{ds: "cluster_ip_plan", name: "not a zone", attrs: attrs{"subnet": tuple(planSubnetBlock("a", "eu-west-1", "10.0.0.0/24"))},
		line: `availability_zone = "eu-west-1"`, path: "subnet[0].availability_zone",
		want: `subnet[0].availability_zone "eu-west-1" is not an availability zone name such as "eu-west-1a"`},
	{ds: "cluster_ip_plan", name: "zones of two regions",
		attrs: attrs{"subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/24"), planSubnetBlock("b", "us-east-1b", "10.0.1.0/24"))},
		line:  `availability_zone = "us-east-1b"`, path: "subnet[1].availability_zone",
		want: `subnet[1].availability_zone "us-east-1b" is in us-east-1 but subnet[0].availability_zone "eu-west-1a" is in eu-west-1`},
	{ds: "cluster_ip_plan", name: "zone names and zone IDs",
		attrs: attrs{"subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/24"), planSubnetBlock("b", "euw1-az2", "10.0.1.0/24"))},
		line:  `availability_zone = "euw1-az2"`, path: "subnet[1].availability_zone",
		want: `subnet[1].availability_zone is "euw1-az2" but subnet[0].availability_zone is "eu-west-1a"; use zone names`},
	{ds: "cluster_ip_plan", name: "duplicate subnet names",
		attrs: attrs{"subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/24"), planSubnetBlock("a", "eu-west-1b", "10.0.1.0/24"))},
		line:  `name = "a"`, path: "subnet[1].name",
		want: `subnet[1].name "a" is also the name of subnet[0]; subnet names must be unique`},
	{ds: "cluster_ip_plan", name: "overlapping subnets",
		attrs: attrs{"subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/23"), planSubnetBlock("b", "eu-west-1b", "10.0.1.0/24"))},
		line:  `cidr_block = "10.0.1.0/24"`, path: "subnet[1].cidr_block",
		want: `subnet[1].cidr_block 10.0.1.0/24 overlaps subnet[0] 10.0.0.0/23`},
	{ds: "cluster_ip_plan", name: "/29 subnet", attrs: attrs{"subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/29"))},
		line: `cidr_block = "10.0.0.0/29"`, path: "subnet[0].cidr_block",
		want: `subnet[0].cidr_block "10.0.0.0/29" is a /29; AWS IPv4 subnets are /16 (65,536 addresses) to /28`},
	{ds: "cluster_ip_plan", name: "negative Fargate pods",
		attrs: attrs{"subnet": tuple(lit(attrs{"name": str("a"), "availability_zone": str("eu-west-1a"), "cidr_block": str("10.0.0.0/24"),
			"fargate_pods": num(-3)}))},
		line: `fargate_pods = -3`, path: "subnet[0].fargate_pods",
		want: `subnet[0].fargate_pods is -3; it must be between 0 and 16777216`},
	{ds: "cluster_ip_plan", name: "unknown role",
		attrs: attrs{"subnet": tuple(lit(attrs{"name": str("a"), "availability_zone": str("eu-west-1a"), "cidr_block": str("10.0.0.0/24"),
			"role": str("cni")}))},
		line: `role = "cni"`, path: "subnet[0].role",
		want: `subnet[0].role is "cni"; it must be one of "node" or "pod"`},
	{ds: "cluster_ip_plan", name: "misspelt instance type",
		attrs: with(planOneSubnet, attrs{"node_group": tuple(planNodeGroupBlock("g", "m5.larg"))}),
		line:  `instance_types = ["m5.larg"]`, path: "node_group[0].instance_types[0]",
		want: `node_group[0].instance_types[0]: instance type "m5.larg" is not in the embedded instance table ... did you mean m5.large?`},
	{ds: "cluster_ip_plan", name: "unknown subnet name",
		attrs: with(planTwoZones, attrs{"node_group": tuple(lit(attrs{"name": str("g"), "instance_types": strs("m5.large"),
			"max_size": num(3), "subnets": strs("c")}))}),
		line: `subnets = ["c"]`, path: "node_group[0].subnets",
		want: `node_group[0].subnets names "c", but no subnet block has that name; subnet names are "a" or "b"`},
	{ds: "cluster_ip_plan", name: "duplicate group names",
		attrs: with(planOneSubnet, attrs{"node_group": tuple(planNodeGroupBlock("g", "m5.large")),
			"node_pool": tuple(lit(attrs{"name": str("g"), "instance_types": strs("m5.large"), "node_limit": num(3)}))}),
		line: `name = "g"`, path: "node_pool[0].name",
		want: `node_pool[0].name "g" is also the name of node_group[0]; node_group and node_pool names must be unique`},
	{ds: "cluster_ip_plan", name: "pods beyond what the type gives",
		attrs: with(planOneSubnet, attrs{"node_group": tuple(lit(attrs{"name": str("g"), "instance_types": strs("m5.large"),
			"max_size": num(3), "pods_per_node": num(28)}))}),
		line: `pods_per_node = 28`, path: "node_group[0].pods_per_node",
		want: `node_group "g", instance type m5.large: pods_per_node is 28, but m5.large gives pods at most 27 IPs`},
	{ds: "cluster_ip_plan", name: "pod subnets with an old VPC CNI",
		attrs: attrs{"cni_version": str("1.17.1"), "subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/24"),
			lit(attrs{"name": str("cni-a"), "availability_zone": str("eu-west-1a"), "cidr_block": str("100.64.0.0/20"), "role": str("pod")}))},
		line: `cni_version = "1.17.1"`, path: "cni_version",
		want: `subnets with role = "pod" are given without custom_networking, so they are subnet discovery subnets`},
	{ds: "cluster_ip_plan", name: "pod subnets with Windows nodes",
		attrs: attrs{"os": str("windows"), "subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/24"),
			lit(attrs{"name": str("cni-a"), "availability_zone": str("eu-west-1a"), "cidr_block": str("100.64.0.0/20"), "role": str("pod")}))},
		line: `os = "windows"`, path: "os",
		want: `subnets with role = "pod" are given but os is "windows": the VPC resource controller gives Windows pods addresses of the primary ENI, in the node's subnet, with neither custom networking nor subnet discovery; remove the pod subnets or use os = "linux"`},
	{ds: "cluster_ip_plan", name: "empty ip_family",
		attrs: with(planOneSubnet, attrs{"ip_family": str(""), "node_group": tuple(planNodeGroupBlock("g", "m5.large"))}),
		line:  `ip_family = ""`, path: "ip_family", want: `ip_family is ""; an empty string is not one of its values`},
	{ds: "cluster_ip_plan", name: "Windows node group past the controller's capacity",
		attrs: with(planOneSubnet, attrs{"os": str("windows"), "node_group": tuple(lit(attrs{"name": str("win"), "instance_types": strs("m5.large"),
			"max_size": num(3), "max_pods": num(20)}))}),
		line: `node_group {`, path: "node_group[0].pods_per_node",
		want: `node_group "win", instance type m5.large: pods_per_node is 20 (the default: max_pods 20), but the VPC resource controller gives a Windows m5.large at most 9 secondary IPs on the primary ENI`},

	// Linux and Windows groups in one plan (sizing/plan_os.go).
	{ds: "cluster_ip_plan", name: "group os not linux or windows",
		attrs: with(planOneSubnet, attrs{"node_group": tuple(planGroupOS("g", "Windows"))}),
		line:  `os = "Windows"`, path: "node_group[0].os",
		want: `node_group[0].os is "Windows"; it must be one of "linux" or "windows"`},
	{ds: "cluster_ip_plan", name: "windows_config_map in a Windows plan",
		attrs: with(planOneSubnet, attrs{"os": str("windows"), "windows_config_map": lit(attrs{"prefix_delegation": boolean(true)}),
			"node_group": tuple(planNodeGroupBlock("win", "m5.large"))}),
		path: "windows_config_map", // Terraform shows a single block's diagnostic at the data source

		want: `windows_config_map is given, but os is "windows": the plan-level prefix_delegation and warm targets then already stand for the amazon-vpc-cni ConfigMap's Windows keys, so the same settings would be given twice. Either remove windows_config_map, or set os = "linux" (the default) on the plan, os = "windows" on the Windows groups, and keep the Windows settings in windows_config_map`},
	{ds: "cluster_ip_plan", name: "windows_config_map without a Windows group",
		attrs: with(planOneSubnet, attrs{"windows_config_map": lit(attrs{"warm_ip_target": num(1)}),
			"node_group": tuple(planNodeGroupBlock("g", "m5.large"))}),
		path: "windows_config_map", // Terraform shows a single block's diagnostic at the data source

		want: `windows_config_map is given, but no node_group or node_pool has os = "windows": it configures the VPC resource controller for Windows nodes only; set os = "windows" on the Windows groups, or remove windows_config_map`},
	{ds: "cluster_ip_plan", name: "Linux group where the plan-level settings are Windows'",
		attrs: with(planOneSubnet, attrs{"os": str("windows"), "prefix_delegation": boolean(true),
			"node_group": tuple(planGroupOS("linux", "linux"), planNodeGroupBlock("win", "m5.large"))}),
		line: `os = "linux"`, path: "node_group[0].os",
		want: `node_group "linux" has os = "linux" in a plan whose os is "windows", where the plan-level prefix_delegation stands for the amazon-vpc-cni ConfigMap's Windows key, not for aws-node's setting that sizes Linux nodes; set os = "linux" (the default) on the plan, os = "windows" on the Windows groups and their settings in windows_config_map, so that the plan-level settings are aws-node's`},
	{ds: "cluster_ip_plan", name: "Linux group where warm_eni_target is beside a Windows key",
		attrs: with(planOneSubnet, attrs{"os": str("windows"), "warm_eni_target": num(1), "warm_ip_target": num(2),
			"node_group": tuple(planGroupOS("linux", "linux"), planNodeGroupBlock("win", "m5.large"))}),
		line: `os = "linux"`, path: "node_group[0].os",
		want: `node_group "linux" has os = "linux" in a plan whose os is "windows", where the plan-level warm_ip_target stands for the amazon-vpc-cni ConfigMap's Windows key, not for aws-node's setting that sizes Linux nodes; set os = "linux" (the default) on the plan, os = "windows" on the Windows groups and their settings in windows_config_map, so that the plan-level settings are aws-node's`},
	{ds: "cluster_ip_plan", name: "aws-node setting with only Windows groups",
		attrs: with(planOneSubnet, attrs{"warm_prefix_target": num(2), "node_group": tuple(planGroupOS("win", "windows"))}),
		line:  `warm_prefix_target = 2`, path: "warm_prefix_target",
		want: `warm_prefix_target is set on the plan, but every node_group and node_pool has os = "windows": in a plan whose os is "linux" the plan-level warm_prefix_target is aws-node's setting, which sizes Linux nodes only; give the Windows setting in windows_config_map (its windows_config_map.warm_prefix_target, the ConfigMap's windows-warm-prefix-target), or set os = "windows" on the plan`},
	{ds: "cluster_ip_plan", name: "Windows group in an IPv6 plan",
		attrs: with(planOneSubnet, attrs{"ip_family": str("ipv6"), "node_group": tuple(planNodeGroupBlock("linux", "m5.large"), planGroupOS("win", "windows"))}),
		line:  `os = "windows"`, path: "node_group[1].os",
		want: `node_group "win" has os = "windows", but ip_family is "ipv6": EKS does not support IPv6 on Windows nodes (EKS User Guide, "Deploy Windows nodes on EKS clusters", considerations), so an IPv6 cluster cannot run them; plan the Windows groups in an IPv4 cluster`},
	{ds: "cluster_ip_plan", name: "branch pods on a Windows group",
		attrs: with(planOneSubnet, attrs{"security_groups_for_pods": boolean(true), "node_group": tuple(lit(attrs{"name": str("win"),
			"os": str("windows"), "instance_types": strs("m5.large"), "max_size": num(3), "branch_pods_per_node": num(2)}))}),
		line: `branch_pods_per_node = 2`, path: "node_group[0].branch_pods_per_node",
		want: `node_group[0].branch_pods_per_node is 2, but node_group "win" has os = "windows": security groups for pods are not supported for pods on Windows nodes (EKS User Guide, "Deploy Windows nodes on EKS clusters", considerations), so its nodes have no trunk or branch ENIs; remove branch_pods_per_node (security_groups_for_pods applies to the Linux groups only)`},
	{ds: "cluster_ip_plan", name: "negative Windows ConfigMap target",
		attrs: with(planOneSubnet, attrs{"windows_config_map": lit(attrs{"warm_ip_target": num(-1)}), "node_group": tuple(planGroupOS("win", "windows"))}),
		line:  `warm_ip_target = -1`, path: "windows_config_map.warm_ip_target",
		want: `windows_config_map.warm_ip_target is -1; it must be between 0 and 1048576 (the amazon-vpc-cni ConfigMap's windows-warm-ip-target)`},
	{ds: "cluster_ip_plan", name: "Windows minimum target alone",
		attrs: with(planOneSubnet, attrs{"windows_config_map": lit(attrs{"minimum_ip_target": num(4)}), "node_group": tuple(planGroupOS("win", "windows"))}),
		line:  `minimum_ip_target = 4`, path: "windows_config_map.minimum_ip_target",
		want: `node_group "win", instance type m5.large: windows_config_map.minimum_ip_target = 4 without windows_config_map.warm_ip_target freezes each Windows node at 4 IPs: the VPC resource controller v1.8.2 reads an absent windows-warm-ip-target as 0 once windows-minimum-ip-target is set (its default 3 applies only when both are absent), allocates up to the minimum and never more, so pod number 5 on a node never gets an IP (pods_per_node is 9 (the default: max_pods 9)). Set windows_config_map.warm_ip_target too (0 counts as 1), raise windows_config_map.minimum_ip_target to at least 9, or lower pods_per_node to 4.`},
	{ds: "cluster_ip_plan", name: "Windows group of a type the controller lacks",
		attrs: with(planOneSubnet, attrs{"node_group": tuple(planNodeGroupBlock("linux", "m5.large"), lit(attrs{"name": str("win"),
			"os": str("windows"), "instance_types": strs("hpc7a.12xlarge"), "max_size": num(3)}))}),
		line: `os = "windows"`, path: "node_group[1].os",
		want: `node_group "win", instance type hpc7a.12xlarge: os = "windows": hpc7a.12xlarge is not in the VPC resource controller's instance limits`},
}

// planGroupOS is a node group block of m5.large with its own os.
func planGroupOS(name, os string) attr.Value {
	return lit(attrs{"name": str(name), "os": str(os), "instance_types": strs("m5.large"), "max_size": num(3)})
}

func init() {
	badInputs = append(badInputs, clusterIPPlanBadInputs...)
	badInputDataSources["cluster_ip_plan"] = NewClusterIPPlanDataSource
	badInputBlocks["cluster_ip_plan"] = map[string]bool{"subnet": true, "node_group": true, "node_pool": true, "windows_config_map": true}
}

func planArg(a attrs) []attr.Value { return []attr.Value{lit(a)} }

var clusterIPPlanFunctionBadInputs = []badInput{
	{fn: "cluster_ip_plan", name: "misspelt top-level key", arg: "plan",
		args: planArg(attrs{"subnets": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/24"))}),
		want: `unknown option "subnets" (did you mean "subnet"?); valid keys are`},
	{fn: "cluster_ip_plan", name: "misspelt key in a subnet", arg: "plan",
		args: planArg(attrs{"subnet": tuple(lit(attrs{"name": str("a"), "availability_zone": str("eu-west-1a"), "cidr_block": str("10.0.0.0/24"),
			"application_loadbalancers": num(1)}))}),
		want: `plan.subnet[0]: unknown attribute "application_loadbalancers" (did you mean "application_load_balancers"?); valid attributes are`},
	{fn: "cluster_ip_plan", name: "required key left out", arg: "plan",
		args: planArg(attrs{"subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/24")),
			"node_group": tuple(lit(attrs{"name": str("g"), "instance_types": strs("m5.large")}))}),
		want: `plan.node_group[0]: attribute "max_size" is required`},
	{fn: "cluster_ip_plan", name: "bad CIDR", arg: "plan",
		args: planArg(attrs{"subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/29"))}),
		want: `plan.subnet[0].cidr_block: subnet[0].cidr_block "10.0.0.0/29" is a /29`},
	{fn: "cluster_ip_plan", name: "shortfall with fail_on_shortfall", arg: "plan",
		args: planArg(attrs{"fail_on_shortfall": boolean(true), "subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/28")),
			"node_group": tuple(planNodeGroupBlock("g", "m5.large"))}),
		want: `plan.subnet[0]: In eu-west-1a, node subnet "a" (10.0.0.0/28) is 139 IPs short`},
	{fn: "cluster_ip_plan", name: "misspelt key in windows_config_map", arg: "plan",
		args: planArg(attrs{"subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/24")),
			"windows_config_map": lit(attrs{"enable_windows_prefix_delegation": boolean(true)})}),
		want: `plan.windows_config_map: unknown attribute "enable_windows_prefix_delegation"`},
	{fn: "cluster_ip_plan", name: "windows_config_map without a Windows group", arg: "plan",
		args: planArg(attrs{"subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/24")),
			"windows_config_map": lit(attrs{"prefix_delegation": boolean(true)}), "node_group": tuple(planNodeGroupBlock("g", "m5.large"))}),
		want: `plan.windows_config_map: windows_config_map is given, but no node_group or node_pool has os = "windows"`},
	{fn: "cluster_ip_plan", name: "branch pods on a Windows group", arg: "plan",
		args: planArg(attrs{"subnet": tuple(planSubnetBlock("a", "eu-west-1a", "10.0.0.0/24")), "node_group": tuple(lit(attrs{
			"name": str("win"), "os": str("windows"), "instance_types": strs("m5.large"), "max_size": num(3), "branch_pods_per_node": num(1)}))}),
		want: `plan.node_group[0].branch_pods_per_node: node_group[0].branch_pods_per_node is 1, but node_group "win" has os = "windows"`},
}

func init() {
	badInputs = append(badInputs, clusterIPPlanFunctionBadInputs...)
	badInputFunctions["cluster_ip_plan"] = NewClusterIPPlanFunction
}
