#pragma once

#include <cstddef>
#include <string>

namespace paradis {

// Blocking TCP helpers of the testbed's processes.

// Seconds on this machine's monotonic clock, the same in every process and
// network namespace.
double monotonic_seconds();
// False when the connection failed or timed out before all n bytes moved.
bool send_all(int fd, const void* data, std::size_t n);
bool receive_all(int fd, void* data, std::size_t n);
// Send and receive time out after `seconds`; no Nagle delay.
void set_socket_timeouts(int fd, int seconds);
// A listening socket on address:port (-1 on failure, errno kept).
int listen_on(const std::string& address, int port, int backlog);
// A connection to address:port, retried every 10 ms for up to `seconds`
// (the other end may not listen yet); -1 when it never answered.
int connect_to(const std::string& address, int port, double seconds);

}  // namespace paradis
