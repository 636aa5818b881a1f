import FuzzDriver

FuzzDriver.run(.asOrg)
