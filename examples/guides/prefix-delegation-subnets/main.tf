terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# One /21 private subnet (2048 addresses, 128 /28 blocks) where 300 addresses
# are already taken by single IPs: node primary IPs, load balancers, endpoints,
# pods of a node group in secondary-IP mode. How many c6i.2xlarge nodes with
# prefix delegation (7 prefixes and 1 primary IP each) still fit?
locals {
  subnet = {
    name                       = "eu-west-1a"
    cidr_block                 = "10.0.0.0/21"
    available_ip_address_count = 1743 # 2043 usable - 300 in use
  }
}

# The conservative bound (the default): every single IP sits in a different
# /28 block. 126 eligible blocks - 300 single IPs leaves none: 1743 free
# addresses, and possibly not one free /28.
data "ekssize_subnet_capacity" "scattered" {
  instance_type     = "c6i.2xlarge"
  prefix_delegation = true
  subnets           = [local.subnet]
}

# The optimistic bound: single IPs fill the two edge blocks (27 addresses) and
# then whole /28s. With n nodes there are 300 + n single IPs.
data "ekssize_subnet_capacity" "packed" {
  instance_type     = "c6i.2xlarge"
  prefix_delegation = true
  prefix_layout     = "packed"
  subnets           = [local.subnet]
}

# Subnet CIDR reservations of type "prefix" (aws_ec2_subnet_cidr_reservation)
# for the upper three quarters: EC2 assigns prefixes only from them (95 whole
# /28 blocks; the subnet's last block holds its broadcast address) and single
# IPs only from 10.0.0.0/23, so single IPs spoil nothing the prefixes need.
data "ekssize_subnet_capacity" "reserved" {
  instance_type     = "c6i.2xlarge"
  prefix_delegation = true
  node_count        = 10 # + a surge of 2 during rolling updates: 12 of 13
  subnets = [merge(local.subnet, {
    prefix_reservations = ["10.0.2.0/23", "10.0.4.0/22"]
  })]

  # Stop the plan if the planned nodes and their rolling-update surge do not fit.
  lifecycle {
    postcondition {
      condition     = self.fits
      error_message = join("; ", self.warnings)
    }
  }
}

output "prefix_eligible_blocks" {
  value = data.ekssize_subnet_capacity.scattered.subnet_results[0].prefix_eligible_blocks # 126
}

output "max_nodes" {
  value = {
    scattered = data.ekssize_subnet_capacity.scattered.max_nodes # 0
    packed    = data.ekssize_subnet_capacity.packed.max_nodes    # 15
    reserved  = data.ekssize_subnet_capacity.reserved.max_nodes  # 13
  }
}
