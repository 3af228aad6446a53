terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# Two zones, a managed node group across both, a Karpenter NodePool and an ALB.
# Per zone: system (2 + 2 surge) x 30 IPs, the NodePool's worst type m5.xlarge
# 1 x 60, the ALB 8 and EKS's control plane ENIs 6: 194 IPs. Zone a's /24 keeps
# 52 to spare; zone b's /26 (59 free) is 140 short, so the plan warns, naming
# the zone and what takes the addresses there, and `fits` is false.
data "ekssize_cluster_ip_plan" "this" {
  subnet {
    name                       = "private-a"
    availability_zone          = "eu-west-1a"
    cidr_block                 = "10.0.0.0/24"
    cluster_subnet             = true
    application_load_balancers = 1
  }
  subnet {
    name                       = "private-b"
    availability_zone          = "eu-west-1b"
    cidr_block                 = "10.0.1.0/26"
    cluster_subnet             = true
    application_load_balancers = 1
  }

  node_group {
    name           = "system"
    instance_types = ["m5.large"]
    max_size       = 4
    pods_per_node  = 20
  }

  node_pool {
    name           = "default"
    instance_types = ["m5.large", "m5.xlarge"]
    node_limit     = 2
  }
}

output "fits" {
  value = data.ekssize_cluster_ip_plan.this.fits # false
}

output "per_zone" {
  # { "eu-west-1a" = 52, "eu-west-1b" = -140 }
  value = { for z in data.ekssize_cluster_ip_plan.this.availability_zones : z.availability_zone => z.headroom_ips }
}
