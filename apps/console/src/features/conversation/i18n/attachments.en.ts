export default {
  attachments: 'Attachments',
  attach: 'Attach a file',
  attaching: 'Sending {name}…',
  attachFailed: '{name} was not sent: {reason}',
  download: 'Download {name} ({size})',
  openImage: 'Open {name} full size',
  bytes: '{n} B',
  kilobytes: '{n} KB',
  megabytes: '{n} MB',
  notConnected: 'not connected',
} as const;
