#include "sim/report/request_stream.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "sim/report/run_summary.h"

namespace paradis {

RequestStream::RequestStream(const std::string& requests_path, const std::string& trace_path,
                             std::string prefix, const std::string& events_path)
    : prefix_(std::move(prefix)) {
  if (!requests_path.empty()) requests_.open(requests_path);
  if (!trace_path.empty()) trace_.open(trace_path);
  if (!events_path.empty()) events_.open(events_path);
}

const char* RequestStream::csv_header() {
  return "strategy,configuration,request,arrival_s,start_s,end_s,latency_ms,compute_ms,"
         "transfer_ms,bytes,energy_j,failed,cause,served_by,accuracy\n";
}

const char* RequestStream::events_csv_header() {
  return "strategy,configuration,time_s,event,target,value,decision\n";
}

void RequestStream::on_request(const RequestRecord& r) {
  if (requests_.is_open()) write_row(r);
  if (!r.failed) {
    latencies.push_back(r.latency());
    ++served[r.served_by];
  } else {
    ++failed_by_cause[r.cause.empty() ? "unknown" : r.cause];
  }
  bytes += r.bytes;
  dynamic_joules += r.energy_joules;
  first_arrival = std::min(first_arrival, r.arrival);
}

void RequestStream::write_row(const RequestRecord& r) {
  requests_ << prefix_ << r.id << ',' << format_number(r.arrival) << ',' << format_number(r.start)
            << ',' << format_number(r.end) << ',' << format_number(r.latency() * 1e3) << ','
            << format_number(r.compute_time * 1e3) << ',' << format_number(r.transfer_time * 1e3)
            << ',' << format_number(r.bytes) << ',' << format_number(r.energy_joules) << ','
            << (r.failed ? 1 : 0) << ',' << r.cause << ',' << r.served_by << ',';
  if (!r.failed) {
    const auto a = accuracy_.find(r.served_by);
    requests_ << format_accuracy(a == accuracy_.end() ? std::nan("") : a->second);
  }
  requests_ << '\n';
}

void RequestStream::on_event(const EventRecord& e) {
  if (!events_.is_open()) return;
  events_ << prefix_ << format_number(e.time) << ',' << e.event << ',' << e.target << ','
          << format_number(e.value) << ',' << e.decision << '\n';
}

void RequestStream::on_trace_event(const TraceEvent& e) {
  if (!trace_.is_open()) return;
  trace_ << nlohmann::json{{"name", e.name},       {"track", e.track}, {"link", e.on_link},
                           {"request", e.request}, {"start", e.start}, {"end", e.end}}
                .dump()
         << '\n';
}

}  // namespace paradis
