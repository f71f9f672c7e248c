//! `mprofile … | head` closes standard output early. Rust ignores SIGPIPE, so the next
//! `println!` panics ("failed printing to stdout: Broken pipe"); a reader who asked for two
//! lines must not get a panic and a backtrace. Everything that changes the store is finished
//! before the summary is printed, so stopping there loses nothing.

/// Makes a broken standard output end the process quietly (exit 0), and keeps quiet about
/// panics inside the XLSX reader, which the readers catch and report as a problem naming the
/// file (a backtrace there only frightens the person importing); other panics are reported as
/// before.
pub fn exit_quietly_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let msg = payload.downcast_ref::<String>().map(String::as_str).or_else(|| payload.downcast_ref::<&str>().copied()).unwrap_or("");
        if msg.starts_with("failed printing to stdout") && msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        if info.location().is_some_and(|l| l.file().contains("/calamine-")) {
            return;
        }
        default(info);
    }));
}
