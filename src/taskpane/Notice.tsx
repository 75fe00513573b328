import * as React from "react";
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { Notice } from "./session-hooks";

export function NoticeBar({ notice, testId }: { notice: Notice; testId?: string }) {
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} data-testid={testId}>
      <MessageBarBody>{notice.text}</MessageBarBody>
    </MessageBar>
  );
}
