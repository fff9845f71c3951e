// individual: one switch's structure trained alone from the labels.
#include "models/io/input_error.h"
#include "models/torch/training_method.h"

namespace paradis {
namespace {

class IndividualTraining : public TrainingMethod {
 public:
  std::string name() const override { return "individual"; }
  void check_switches(const TrainOptions& o, std::size_t /*full*/) const override {
    if (o.switches.size() != 1) {
      throw InputError("--method individual trains one switch; got " +
                       std::to_string(o.switches.size()));
    }
  }
  std::size_t teacher(std::size_t /*full*/) const override { return 0; }
};

}  // namespace

const TrainingMethod& individual_training() {
  static const IndividualTraining method;
  return method;
}

}  // namespace paradis
