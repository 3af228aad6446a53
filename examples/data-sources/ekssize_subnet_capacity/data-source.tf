terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# Does a /24 hold 12 m5.large nodes with 10 pods each, a rolling-update surge,
# one ALB and two interface endpoints? With the VPC CNI defaults (WARM_ENI_TARGET=1)
# each node holds 3 ENIs x 10 IPs = 30, so 14 nodes need 430 IPs: it does not.
data "ekssize_subnet_capacity" "defaults" {
  instance_type = "m5.large"
  pods_per_node = 10
  node_count    = 12
  reserved = {
    application_load_balancers = 1
    interface_endpoints        = 2
  }
  subnets = [{ cidr_block = "10.0.0.0/24" }]
}

# The same nodes with WARM_IP_TARGET=5 and MINIMUM_IP_TARGET=10 hold 17 IPs each:
# 14 x 17 + 10 = 248 of 251, so they fit with 3 to spare.
data "ekssize_subnet_capacity" "warm_ip" {
  instance_type     = "m5.large"
  pods_per_node     = 10
  warm_ip_target    = 5
  minimum_ip_target = 10
  node_count        = 12
  reserved = {
    application_load_balancers = 1
    interface_endpoints        = 2
  }
  subnets = [{ cidr_block = "10.0.0.0/24" }]
}

# Three availability zones, as data.aws_subnet reports them: available_ip_address_count
# counts what is already in use. Prefix delegation needs aligned free /28 blocks;
# "scattered" (the default) assumes every used single IP spoils one. In a real
# configuration build this list from data.aws_subnet (see the guide below).
variable "private_subnets" {
  type = list(object({
    availability_zone          = string
    cidr_block                 = string
    available_ip_address_count = number
  }))
  default = [
    { availability_zone = "us-east-1a", cidr_block = "10.0.0.0/20", available_ip_address_count = 4080 },
    { availability_zone = "us-east-1b", cidr_block = "10.0.16.0/20", available_ip_address_count = 4076 },
    { availability_zone = "us-east-1c", cidr_block = "10.0.32.0/20", available_ip_address_count = 4085 },
  ]
}

data "ekssize_subnet_capacity" "cluster" {
  instance_type     = "c6i.2xlarge"
  prefix_delegation = true
  node_count        = 30
  subnets = [
    for s in var.private_subnets : {
      name                       = s.availability_zone
      cidr_block                 = s.cidr_block
      available_ip_address_count = s.available_ip_address_count
      cluster_subnet             = true
    }
  ]
  reserved = {
    application_load_balancers = 2
    interface_endpoints        = 6
  }

  # Stop the plan when the subnets are short (or set fail_on_shortfall = true).
  lifecycle {
    postcondition {
      condition     = self.fits
      error_message = "The private subnets are ${self.shortfall_ips} IPs short: ${join("; ", self.warnings)}"
    }
  }
}

output "subnet_capacity" {
  value = {
    defaults_fit   = data.ekssize_subnet_capacity.defaults.fits                           # false
    defaults_need  = data.ekssize_subnet_capacity.defaults.subnet_results[0].required_ips # 430
    warm_ip_spare  = data.ekssize_subnet_capacity.warm_ip.subnet_results[0].headroom_ips  # 3
    ips_per_node   = data.ekssize_subnet_capacity.cluster.per_node.node_subnet_ips
    max_nodes      = data.ekssize_subnet_capacity.cluster.max_nodes
    smallest_fresh = [for r in data.ekssize_subnet_capacity.cluster.subnet_results : "/${r.smallest_fitting_prefix_length}"]
  }
}
