"""Tariq Rashid, "Make Your Own Neural Network" (blog of the book), August 2016, "Errata #3": the
book's "Weight Update Worked Example", corrected (text in cases/texts/rashid_mynn_errata.txt).

http://makeyourownneuralnetwork.blogspot.co.uk/2016/08/

One weight w_11 between the hidden and the output layer (2.0), updated by gradient descent from
made-up values: the hidden outputs o_{j=1} = 0.4, o_{j=2} = 0.5, the other weight into the output
node w_21 = 3.0 (the errata's correction of 4.0), the output error e_1 = t_k - o_k = 1.5 ("just as
we saw before"), learning rate 0.1. The error slope is written "bit by bit" as the product of
-(t_k - o_k), the sigmoid's slope sigmoid(s) (1 - sigmoid(s)) at s = sum_j w_jk o_j, and o_j; the
change is -learning rate x slope ("new w = old w - alpha dE/dw"), and the new w_11 the old plus the
change. The slope's formula image is not in the stored text and neither is the loss (E, the error
it is the slope of), so no step declares what it means: the error e_1 is made up independently of
the output sigmoid(2.3), and there is no target the loss could be written with. Nothing numeric is
inferred.
"""

from __future__ import annotations

from gradaudit import Worksheet, sigmoid

worked_example = Worksheet("Make Your Own Neural Network: the weight update worked example", loss="E")
ws = worked_example


# "The sum inside the sigmoid functions sum_j w_jk o_j is (2.0 * 0.4) + (3.0 * 0.5) = 2.3"
@ws.step(label="sum_j w_jk o_j")
def weighted_sum(w11, o1, w21, o2):
    return w11 * o1 + w21 * o2


# "The sigmoid 1/(1 + e^-2.3) is then 0.909"
@ws.step(label="sigmoid")
def sigmoid_of_sum(weighted_sum):
    return sigmoid(weighted_sum)


# "That middle expression is then 0.909 * (1 - 0.909) = 0.083"
@ws.step(label="middle expression")
def middle(sigmoid_of_sum):
    return sigmoid_of_sum * (1 - sigmoid_of_sum)


# "Multiplying all these three bits together and not forgetting the minus sign at the start":
# -(t_k - o_k) x middle x o_j, with t_k - o_k = e_1 and o_j = o_{j=1}
@ws.step(label="error slope")
def error_slope(e1, middle, o1):
    return -e1 * middle * o1


# "If we have a learning rate of 0.1 that give is a change of (0.1 * 0.04969) = + 0.005"
@ws.step(label="change")
def change(lr, error_slope):
    return -lr * error_slope


# "So the new w 11 is the original 2.0 plus 0.005 = 2.005"
@ws.step(label="new w_11")
def w11_new(w11, change):
    return w11 + change
