"""What machine a benchmark ran on, printed the same way by every benchmark script."""
import os
import platform


def cpu_name():
    """The processor's model name (from /proc/cpuinfo where there is one)."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_line():
    """One line: processor, core count, OS and architecture, Python version."""
    u = platform.uname()
    return (
        f"machine: {cpu_name()}, os.cpu_count() = {os.cpu_count()}, {u.system} {u.release} {u.machine}; "
        f"Python {platform.python_version()}"
    )
