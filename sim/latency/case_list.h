#pragma once

#include <string>
#include <utility>
#include <vector>

#include "models/graph/switch.h"

namespace paradis {

// Words separated by spaces, tabs or ';' ("mobilenet_v1@224 resnet50").
std::vector<std::string> split_words(const std::string& text);

// "mobilenet_v1@160": a network at a resolution (0, its default, without
// "@"). Throws InputError naming `option` otherwise.
std::pair<std::string, int> parse_network_spec(const std::string& text, const std::string& option);

// The figure of several rounds: their least. Other work on a shared machine
// only ever adds time, and it comes in bursts of seconds that slow whole
// rounds (ResNet-18 `1x0.5` measured 11.0-11.5 ms in 19 of 25 runs, 13.5-14.5
// in the other 6); the least round is the machine running alone.
double least_of(const std::vector<double>& rounds);

}  // namespace paradis
