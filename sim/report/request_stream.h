#pragma once

#include <cstdint>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "sim/report/request_record.h"

namespace paradis {

// Writes each request as a CSV row, each trace event as a JSON line and
// each platform event as a CSV row the moment the engine reports it; keeps only the latencies (8 bytes a request)
// for the percentiles.
class RequestStream : public SimulationObserver {
 public:
  // `prefix` starts every row (the strategy and configuration columns). An
  // empty path writes nothing there.
  RequestStream(const std::string& requests_path, const std::string& trace_path,
                std::string prefix, const std::string& events_path = "");
  void on_request(const RequestRecord& r) override;
  void on_trace_event(const TraceEvent& e) override;
  void on_event(const EventRecord& e) override;

  static const char* csv_header();
  static const char* events_csv_header();
  // The accuracy of a request done, by the deployment that served it (the
  // key "" for a fixed strategy; NaN: not measured).
  void set_accuracy(std::map<std::string, double> by_deployment) {
    accuracy_ = std::move(by_deployment);
  }

  std::vector<double> latencies;  // of completed requests, seconds
  double bytes = 0.0;
  double dynamic_joules = 0.0;  // requests.csv's energy_j, summed
  double first_arrival = 1e300;
  std::map<std::string, std::int64_t> served;  // requests done, by deployment
  std::map<std::string, std::int64_t> failed_by_cause;

 private:
  void write_row(const RequestRecord& r);

  std::ofstream requests_;
  std::ofstream trace_;
  std::ofstream events_;
  std::string prefix_;
  std::map<std::string, double> accuracy_;
};

}  // namespace paradis
