terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# A three-zone cluster where one zone's subnet is too small: eu-west-1c was
# carved as a /24 while the others are /22s. The plan warns, naming the zone,
# the subnet and what takes its addresses, and `fits` is false; the outputs
# show which zone breaks the plan and what it would need.
data "ekssize_cluster_ip_plan" "cluster" {
  subnet {
    name                       = "private-a"
    availability_zone          = "eu-west-1a"
    cidr_block                 = "10.0.0.0/22"
    cluster_subnet             = true
    application_load_balancers = 1
    fargate_pods               = 20
  }
  subnet {
    name                       = "private-b"
    availability_zone          = "eu-west-1b"
    cidr_block                 = "10.0.4.0/22"
    cluster_subnet             = true
    application_load_balancers = 1
  }
  subnet {
    name                       = "private-c"
    availability_zone          = "eu-west-1c"
    cidr_block                 = "10.0.8.0/24"
    cluster_subnet             = true
    application_load_balancers = 1
  }

  # 6 nodes over 3 zones: 2 per zone, plus 2 surge nodes per zone.
  node_group {
    name           = "system"
    instance_types = ["m5.large"]
    max_size       = 6
  }

  node_group {
    name           = "web"
    instance_types = ["c5.xlarge"]
    max_size       = 9
  }

  # Karpenter: at most 6 nodes, spread over the zones, sized with the
  # candidate taking the most addresses per node.
  node_pool {
    name           = "batch"
    instance_types = ["m5.xlarge", "c5.2xlarge"]
    node_limit     = 6
  }
}

output "fits" {
  value = data.ekssize_cluster_ip_plan.cluster.fits # false
}

output "zones" {
  value = {
    for z in data.ekssize_cluster_ip_plan.cluster.availability_zones : z.availability_zone => {
      required_ips                   = z.required_ips
      headroom_ips                   = z.headroom_ips
      fits                           = z.fits
      smallest_fitting_prefix_length = z.smallest_fitting_prefix_length
    }
  }
}

output "shortfall_ips" {
  value = data.ekssize_cluster_ip_plan.cluster.shortfall_ips
}
