terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# 2^(32 - 24) - 5: AWS keeps the network, router, DNS, future-use and broadcast addresses.
output "slash_24" {
  value = provider::ekssize::subnet_usable_ips("10.0.0.0/24") # 251
}

# Reject a subnet that is not an AWS IPv4 subnet (/16 to /28) or is too small.
# try() turns the function's error for a bad block into false.
variable "node_subnet_cidr" {
  type    = string
  default = "10.0.16.0/20"

  validation {
    condition     = try(provider::ekssize::subnet_usable_ips(var.node_subnet_cidr) >= 1000, false)
    error_message = "node_subnet_cidr must be an IPv4 /16 to /22: EKS node subnets need room for every node's warm pool of IPs."
  }
}

output "node_subnet_usable_ips" {
  value = provider::ekssize::subnet_usable_ips(var.node_subnet_cidr) # 4091
}
