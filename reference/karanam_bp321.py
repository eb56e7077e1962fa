"""karanam337, Code/Big Data & NN/Reference/"Neural Network Feedforward and Back Propagation.ipynb":
one backpropagation step on a 3-2-1 sigmoid network in numpy, every intermediate value shown as a
cell's result (after Udacity's deep-learning notes, which the notebook names as its source; text in
cases/texts/karanam_bp321.txt, the notebook's JSON).

https://github.com/karanam337/Code/blob/3afa44a13a704e6006d5c5e2cb87d080763e42b9/Big%20Data%20%26%20NN/Reference/Neural%20Network%20Feedforward%20and%20Back%20Propagation.ipynb

The cells as steps, in the notebook's names and shapes (x of 3, weights_input_hidden 3 x 2,
weights_hidden_output of 2, no biases): hidden_layer_input = np.dot(x, weights_input_hidden),
hidden_layer_output = sigmoid(hidden_layer_input), output_layer_in = np.dot(hidden_layer_output,
weights_hidden_output), output = sigmoid(output_layer_in), error = target - output,
output_error_term = error * output * (1 - output), hidden_layer_output_error =
np.dot(output_error_term, weights_hidden_output), hidden_error_term = hidden_layer_output_error *
hidden_layer_output * (1 - hidden_layer_output) (the notebook computes it first in one expression,
then in these two steps, with the same result), weight_delta_h_o = learnrate * output_error_term *
hidden_layer_output, weight_delta_i_h = learnrate * hidden_error_term * x[:, None]; learnrate = 0.5.

Inferred, never printed: the loss E = 1/2 (target - output)^2, the one whose -dE/d(output_layer_in)
is error * output * (1 - output) (the notebook names no loss; its error terms are declared as
-dE/dz, the weight deltas as the changes -learnrate dE/dW).
"""

from __future__ import annotations

from gradaudit import Worksheet, change, grad, sigmoid

worked_example = Worksheet(
    "karanam337: one backpropagation step on a 3-2-1 sigmoid network (numpy)", loss="E"
)
ws = worked_example


# "hidden_layer_input = np.dot(x, weights_input_hidden)", "hidden_layer_output = sigmoid(hidden_layer_input)"
@ws.step(label="hidden_layer_input")
def hidden_layer_input(x, weights_input_hidden):
    return x @ weights_input_hidden


@ws.step(label="hidden_layer_output")
def hidden_layer_output(hidden_layer_input):
    return sigmoid(hidden_layer_input)


# "output_layer_in = np.dot(hidden_layer_output, weights_hidden_output)", "output = sigmoid(output_layer_in)"
@ws.step(label="output_layer_in")
def output_layer_in(hidden_layer_output, weights_hidden_output):
    return hidden_layer_output @ weights_hidden_output


@ws.step(label="output")
def output(output_layer_in):
    return sigmoid(output_layer_in)


# E = 1/2 (target - output)^2: inferred (see the module's docstring)
@ws.step(label="E")
def E(target, output):
    return 0.5 * (target - output) ** 2


# "error = target - output"
@ws.step(label="error")
def error(target, output):
    return target - output


# "output_error_term = error * output * (1 - output)"
@ws.step(label="output_error_term", means=-grad("E", wrt="output_layer_in"))
def output_error_term(error, output):
    return error * output * (1 - output)


# "hidden_layer_output_error = np.dot(output_error_term, weights_hidden_output)"
@ws.step(label="hidden_layer_output_error", means=-grad("E", wrt="hidden_layer_output"))
def hidden_layer_output_error(output_error_term, weights_hidden_output):
    return output_error_term * weights_hidden_output


# "hidden_error_term = hidden_layer_output_error * hidden_layer_output * (1 - hidden_layer_output)"
@ws.step(label="hidden_error_term", means=-grad("E", wrt="hidden_layer_input"))
def hidden_error_term(hidden_layer_output_error, hidden_layer_output):
    return hidden_layer_output_error * hidden_layer_output * (1 - hidden_layer_output)


# "weight_delta_h_o = learnrate * output_error_term * hidden_layer_output"
@ws.step(label="weight_delta_h_o", means=change("weights_hidden_output", lr="learnrate"))
def weight_delta_h_o(learnrate, output_error_term, hidden_layer_output):
    return learnrate * output_error_term * hidden_layer_output


# "weight_delta_i_h = learnrate * hidden_error_term * x[:, None]": numpy broadcasts the (2,) terms
# against the (3, 1) column; written here with both operands of rank 2 (the same 3 x 2 outer product)
@ws.step(label="weight_delta_i_h", means=change("weights_input_hidden", lr="learnrate"))
def weight_delta_i_h(learnrate, hidden_error_term, x):
    return learnrate * hidden_error_term[None, :] * x[:, None]
