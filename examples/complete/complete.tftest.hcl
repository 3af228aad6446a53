# terraform test for the sizing report (make test runs it against the freshly
# built provider). Every value below is exact.

run "sizing_report" {
  command = apply

  # Max pods: 3 ENIs x (10 - 1) + 2, and 4 x (15 - 1) x 16 + 2 = 898 capped at 110 for 8 vCPUs.
  assert {
    condition     = output.node_groups["general"].max_pods == 29 && output.node_groups["compute"].max_pods == 110
    error_message = "max pods: m5.large must get 29, c6i.2xlarge with prefix delegation 110"
  }
  assert {
    condition     = output.node_groups["compute"].max_pods_formula == "4 ENIs x (15 - 1) prefixes x 16 IPs + 2 = 898, capped at 110 (eks: 8 vCPUs <= 30)"
    error_message = "compute max pods formula: ${output.node_groups["compute"].max_pods_formula}"
  }

  # Subnet IPs per node: 3 full ENIs of 10; one primary IP and 7 prefixes of 16.
  assert {
    condition     = output.node_groups["general"].subnet_ips_per_node == 30 && output.node_groups["compute"].subnet_ips_per_node == 113
    error_message = "subnet IPs per node: want 30 (general) and 113 (compute)"
  }

  # kube-reserved and allocatable as nodeadm and Karpenter compute them.
  assert {
    condition = output.node_groups["general"].kube_reserved == { cpu = "70m", memory = "574Mi", ephemeral_storage = "1Gi" } && (
    output.node_groups["compute"].kube_reserved == { cpu = "90m", memory = "1465Mi", ephemeral_storage = "1Gi" })
    error_message = "kube-reserved: want 70m/574Mi (11 x 29 + 255) and 90m/1465Mi (11 x 110 + 255)"
  }
  assert {
    condition = [output.node_groups["general"].allocatable_cpu_m, output.node_groups["general"].allocatable_memory_mib,
      output.node_groups["compute"].allocatable_cpu_m, output.node_groups["compute"].allocatable_memory_mib,
    output.node_groups["general"].ebs_volume_limit, output.node_groups["compute"].ebs_volume_limit] == [1930, 6903, 7910, 13590, 26, 26]
    error_message = "allocatable or EBS volume limit changed"
  }

  # Subnets: the general group's (6/3 + 2 surge) x 30 = 120 IPs per AZ are single IPs
  # that spoil /28 blocks; the compute group needs (8 + 2) x 113 = 1130 with 70 aligned /28s.
  assert {
    condition = output.subnets["eu-west-1a"] == {
      cidr_block = "10.0.0.0/20", free_ips = 4071, general_ips = 120, compute_ips = 1130, reserved_ips = 21, headroom_ips = 208, compute_max_nodes = 11
    }
    error_message = "eu-west-1a: ${jsonencode(output.subnets["eu-west-1a"])}"
  }
  assert {
    condition     = [for az in ["eu-west-1a", "eu-west-1b", "eu-west-1c"] : output.subnets[az].headroom_ips] == [208, 96, 304]
    error_message = "headroom per AZ: ${jsonencode([for s in output.subnets : s.headroom_ips])}"
  }
  assert {
    condition     = output.capacity == { fits = true, compute_max_nodes = 33, compute_max_pods_total = 3564 }
    error_message = "capacity: ${jsonencode(output.capacity)}"
  }

  # The renderings.
  assert {
    condition     = output.al2023_nodeconfig["compute"] == <<-EOT
      ---
      apiVersion: node.eks.aws/v1alpha1
      kind: NodeConfig
      spec:
        kubelet:
          config:
            maxPods: 110
            kubeReserved:
              cpu: "90m"
              memory: "1465Mi"
              ephemeral-storage: "1Gi"
    EOT
    error_message = "AL2023 NodeConfig (compute):\n${output.al2023_nodeconfig["compute"]}"
  }
  assert {
    condition     = output.bottlerocket_settings["general"] == "max-pods = 29\nkube-reserved.cpu = \"70m\"\nkube-reserved.memory = \"574Mi\"\nkube-reserved.ephemeral-storage = \"1Gi\"\n"
    error_message = "Bottlerocket settings (general):\n${output.bottlerocket_settings["general"]}"
  }
  assert {
    condition = output.karpenter_ec2nodeclass_kubelet.reserved_enis == 0 && output.karpenter_ec2nodeclass_kubelet.kubelet.maxPods == 110 && (
      output.karpenter_ec2nodeclass_kubelet.kubelet.kubeReserved == tomap({ cpu = "90m", memory = "1465Mi", "ephemeral-storage" = "1Gi" })
    )
    error_message = "Karpenter kubelet: ${jsonencode(output.karpenter_ec2nodeclass_kubelet)}"
  }

  # The page make demo prints.
  assert {
    condition = alltrue([for line in [
      "EKS sizing report (instance data 2026-08+vpc-cni-v1.23.2)",
      "  eu-west-1b   10.0.16.0/20     4064      120     1130        21        96         0",
      "  The plan fits: the subnets hold 33 c6i.2xlarge nodes next to the general group (+nodes: spare ones per AZ).",
    ] : strcontains(output.report, line)])
    error_message = "report:\n${output.report}"
  }
}

# The postcondition stops the plan when the compute group outgrows the subnets:
# 36 nodes are 12 per AZ plus a surge of 2, and eu-west-1a holds 11.
run "compute_group_outgrows_subnets" {
  command = plan
  variables {
    compute = { instance_type = "c6i.2xlarge", max_size = 36 }
  }
  expect_failures = [data.ekssize_subnet_capacity.compute]
}

# Busy /24 subnets: eu-west-1a has 120 free addresses, and the general group
# needs (2 + 2 surge) x 30 + 21 reserved = 141, with 5 more kept free for EKS upgrades.
run "general_group_outgrows_small_subnets" {
  command = plan
  variables {
    private_subnets = [
      { availability_zone = "eu-west-1a", cidr_block = "10.0.0.0/24", available_ip_address_count = 120 },
      { availability_zone = "eu-west-1b", cidr_block = "10.0.1.0/24", available_ip_address_count = 200 },
      { availability_zone = "eu-west-1c", cidr_block = "10.0.2.0/24", available_ip_address_count = 200 },
    ]
  }
  expect_failures = [data.ekssize_subnet_capacity.general]
}

# Prefix delegation needs a Nitro type: m4 (Xen) would silently fall back to secondary IPs.
run "prefix_delegation_needs_nitro" {
  command = plan
  variables {
    compute = { instance_type = "m4.2xlarge", max_size = 3 }
  }
  expect_failures = [data.ekssize_max_pods.compute]
}
