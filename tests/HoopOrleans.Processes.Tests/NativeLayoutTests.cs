using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HoopOrleans.Processes.Tests;

/// <summary>
/// The C layouts and constants the library writes by hand are this machine's: each is compared with
/// what the system's headers say, so a libc, kernel or architecture that differs fails here, not
/// as corrupt memory in a run.
/// </summary>
public sealed class NativeLayoutTests
{
    [Fact]
    public async Task Every_libc_constant_is_the_system_headers()
    {
        var constants = typeof(Libc).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType != typeof(string))
            .ToList();

        var values = await SystemHeaders.EvaluateAsync([.. constants.Select(field => field.Name)]);

        Assert.NotEmpty(constants);
        Assert.Equal(
            constants.Select(field => $"{field.Name} = {Convert.ToInt64(field.GetRawConstantValue())}"),
            constants.Select((field, i) => $"{field.Name} = {values[i]}"));
    }

    [Fact]
    public async Task Every_struct_layout_is_the_system_headers()
    {
        (string C, long Ours)[] layouts =
        [
            ("sizeof(struct epoll_event)", NativeLayout.EpollEventBytes),
            ("offsetof(struct epoll_event, data)", NativeLayout.EpollDataOffset),
            ("sizeof(sigset_t)", NativeLayout.SigSetBytes),
            ("sizeof(struct iovec)", Unsafe.SizeOf<Libc.IoVec>()),
            ("offsetof(struct iovec, iov_len)", Offset<Libc.IoVec>(nameof(Libc.IoVec.Length))),
            ("sizeof(struct msghdr)", Unsafe.SizeOf<Libc.MessageHeader>()),
            ("offsetof(struct msghdr, msg_namelen)", Offset<Libc.MessageHeader>(nameof(Libc.MessageHeader.NameLength))),
            ("offsetof(struct msghdr, msg_iov)", Offset<Libc.MessageHeader>(nameof(Libc.MessageHeader.Io))),
            ("offsetof(struct msghdr, msg_iovlen)", Offset<Libc.MessageHeader>(nameof(Libc.MessageHeader.IoCount))),
            ("offsetof(struct msghdr, msg_control)", Offset<Libc.MessageHeader>(nameof(Libc.MessageHeader.Control))),
            ("offsetof(struct msghdr, msg_controllen)", Offset<Libc.MessageHeader>(nameof(Libc.MessageHeader.ControlLength))),
            ("offsetof(struct msghdr, msg_flags)", Offset<Libc.MessageHeader>(nameof(Libc.MessageHeader.Flags))),
            ("offsetof(struct cmsghdr, cmsg_level)", Offset<Libc.ControlHeader>(nameof(Libc.ControlHeader.Level))),
            ("offsetof(struct cmsghdr, cmsg_type)", Offset<Libc.ControlHeader>(nameof(Libc.ControlHeader.Type))),
            ("CMSG_LEN(0)", Unsafe.SizeOf<Libc.ControlHeader>()),
            ("CMSG_LEN(2 * sizeof(int))", Libc.ControlLength(2 * sizeof(int))),
            ("CMSG_SPACE(sizeof(int))", Libc.ControlSpace(sizeof(int))),
            ("CMSG_SPACE(2 * sizeof(int))", Libc.ControlSpace(2 * sizeof(int))),
            ("sizeof(struct passwd)", Unsafe.SizeOf<Libc.Passwd>()),
            ("offsetof(struct passwd, pw_uid)", Offset<Libc.Passwd>(nameof(Libc.Passwd.Uid))),
            ("offsetof(struct passwd, pw_gid)", Offset<Libc.Passwd>(nameof(Libc.Passwd.Gid))),
            ("offsetof(struct passwd, pw_dir)", Offset<Libc.Passwd>(nameof(Libc.Passwd.Home))),
            ("sizeof(struct group)", Unsafe.SizeOf<Libc.Group>()),
            ("offsetof(struct group, gr_gid)", Offset<Libc.Group>(nameof(Libc.Group.Gid))),
            ("offsetof(struct group, gr_mem)", Offset<Libc.Group>(nameof(Libc.Group.Members))),
            ("SOCK_DIAG_BY_FAMILY", LocalTcpPeers.SOCK_DIAG_BY_FAMILY),
            ("NLM_F_REQUEST", LocalTcpPeers.NLM_F_REQUEST),
            ("NLMSG_ERROR", LocalTcpPeers.NLMSG_ERROR),
            ("TCP_ESTABLISHED", LocalTcpPeers.TCP_ESTABLISHED),
            ("NLMSG_HDRLEN + offsetof(struct inet_diag_msg, idiag_state)", LocalTcpPeers.AnswerStateOffset),
            ("sizeof(struct ucred)", LocalUnixPeers.CredentialsBytes),
            ("offsetof(struct ucred, uid)", LocalUnixPeers.CredentialsUidOffset),
            ("IPPROTO_TCP", LocalTcpPeers.IPPROTO_TCP),
            ("sizeof(struct sockaddr_nl)", LocalTcpPeers.SocketAddressBytes),
            ("NLMSG_HDRLEN", LocalTcpPeers.HeaderBytes),
            ("offsetof(struct nlmsghdr, nlmsg_seq)", LocalTcpPeers.SequenceOffset),
            ("MSG_DONTWAIT", Libc.MSG_DONTWAIT),
            ("NLMSG_HDRLEN + sizeof(struct inet_diag_req_v2)", LocalTcpPeers.RequestBytes),
            ("offsetof(struct inet_diag_req_v2, idiag_states)", LocalTcpPeers.RequestStatesOffset),
            ("offsetof(struct inet_diag_req_v2, id)", LocalTcpPeers.RequestSocketIdOffset),
            ("offsetof(struct inet_diag_sockid, idiag_src)", LocalTcpPeers.SocketIdSourceOffset),
            ("offsetof(struct inet_diag_sockid, idiag_dst)", LocalTcpPeers.SocketIdDestinationOffset),
            ("offsetof(struct inet_diag_sockid, idiag_cookie)", LocalTcpPeers.SocketIdCookieOffset),
            ("NLMSG_HDRLEN + offsetof(struct inet_diag_msg, idiag_uid)", LocalTcpPeers.AnswerUidOffset),
            ("O_DIRECTORY", Libc.O_DIRECTORY),
            ("O_NOFOLLOW", Libc.O_NOFOLLOW),
            ("sizeof(struct statx)", NativeLayout.StatxBytes),
            ("offsetof(struct statx, stx_uid)", NativeLayout.StatxUidOffset),
            ("offsetof(struct statx, stx_mode)", NativeLayout.StatxModeOffset),
            ("sizeof(((struct statx *)0)->stx_mode)", sizeof(ushort)),
            ("sizeof(((struct statx *)0)->stx_uid)", sizeof(uint)),
        ];

        var values = await SystemHeaders.EvaluateAsync([.. layouts.Select(layout => layout.C)]);

        Assert.Equal(layouts.Select(layout => $"{layout.C} = {layout.Ours}"), layouts.Select((layout, i) => $"{layout.C} = {values[i]}"));
    }

    [Fact]
    public async Task The_room_kept_for_opaque_structs_holds_them()
    {
        var values = await SystemHeaders.EvaluateAsync(["sizeof(posix_spawn_file_actions_t)", "sizeof(posix_spawnattr_t)", "sizeof(struct epoll_event)"]);

        Assert.InRange(values[0], 1, NativeLayout.SpawnStructBytes);
        Assert.InRange(values[1], 1, NativeLayout.SpawnStructBytes);
        Assert.InRange(values[2], 1, NativeLayout.MaxEpollEventBytes);
    }

    [Fact]
    public void This_machine_is_one_the_layouts_are_written_for()
    {
        NativeLayout.EnsureSupported();
    }

    [Theory]
    [InlineData(true, Architecture.Arm)]
    [InlineData(true, Architecture.X86)]
    [InlineData(true, Architecture.S390x)]
    [InlineData(false, Architecture.X64)]
    public void Anywhere_else_start_up_stops_with_a_message_naming_the_machine(bool linux, Architecture architecture)
    {
        var reason = NativeLayout.Unsupported(linux, architecture);

        Assert.NotNull(reason);
        Assert.Contains("64-bit Linux on x64 or arm64", reason);
        Assert.Contains(architecture.ToString(), reason);
    }

    private static long Offset<T>(string field) => Marshal.OffsetOf<T>(field).ToInt64();
}
