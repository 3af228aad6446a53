// Package sizing holds every EKS sizing rule as plain Go: max pods, node IP
// consumption, subnet capacity and node resources. It imports no Terraform
// package. Each question a user can ask has one function here; the provider's
// data sources and functions only convert inputs and copy result fields.
package sizing

import (
	"fmt"

	"github.com/ekssize/terraform-provider-ekssize/internal/echo"
)

// InputError is a bad input. Field names the input in the provider's words, as
// a Terraform attribute path written with dots and brackets ("max_eni",
// "instance.vcpus", "subnets[2].cidr_block"), so the provider can attach the
// diagnostic to the right attribute and functions can name the option key.
type InputError struct {
	Field string
	Msg   string
	// FunctionMsg, when set, replaces Msg in the provider functions. Msg's
	// advice there needs the instance object (give instance.vcpus, describe
	// the type with the instance object), which only the data sources take;
	// FunctionMsg gives advice a function call can follow (an option, or a
	// data source's instance object). One rule, in the core: an error whose
	// remedy is the instance object says so twice, once for each caller; the
	// function error mapper (provider funcCall.fail) picks FunctionMsg.
	FunctionMsg string
}

func (e *InputError) Error() string { return e.Msg }

// inFunctions sets the FunctionMsg of e (see InputError) and returns e.
func (e *InputError) inFunctions(format string, args ...any) *InputError {
	e.FunctionMsg = inputErr(e.Field, format, args...).Msg
	return e
}

// inputErr formats an InputError. String arguments quoted with %q are
// shortened (echo.Quote): the input they echo can be of any length.
func inputErr(field, format string, args ...any) *InputError {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = echo.String(s)
		}
	}
	return &InputError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Warning is a result that is right but probably not what the user meant. The
// provider turns each one into a warning diagnostic on Field.
type Warning struct {
	Field   string
	Summary string
	Detail  string
}
